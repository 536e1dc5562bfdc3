using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using StapSharp.Compiler.Binding;
using StapSharp.Compiler.Diagnostics;

namespace StapSharp.Compiler.Semantics;

/// <summary>
/// Code that is valid in both languages but means something else in stap: a division by zero ends the
/// whole session (C# throws in one method), and a string value keeps at most MAXSTRINGLEN - 1 bytes.
/// Both are warnings with the guard or the setting to use; the script is still emitted. A string
/// constant holding a NUL, which stap would cut there, is an error.
/// </summary>
internal static class MeaningDifferences
{
    /// <summary>stap's default MAXSTRINGLEN (512) less the terminating NUL.</summary>
    public const int MaxStringBytes = 511;

    /// <summary>Checks the declarations of a script and of the base classes it takes members from.</summary>
    public static void Check(IEnumerable<INamedTypeSymbol> types, Compilation compilation, DiagnosticBag diagnostics)
    {
        foreach (var reference in types.SelectMany(t => t.DeclaringSyntaxReferences))
        {
            var root = reference.GetSyntax();
            var model = compilation.GetSemanticModel(root.SyntaxTree);
            CheckNuls(root, model, diagnostics);
            // Attribute arguments are probe points and embedded C, not run-time values.
            foreach (var node in root.DescendantNodes(n => n is not AttributeListSyntax))
            {
                switch (node)
                {
                    case BinaryExpressionSyntax b when b.IsKind(SyntaxKind.DivideExpression) || b.IsKind(SyntaxKind.ModuloExpression):
                        CheckDivisor(b, b.Right, model, diagnostics);
                        break;
                    case AssignmentExpressionSyntax a when a.IsKind(SyntaxKind.DivideAssignmentExpression) || a.IsKind(SyntaxKind.ModuloAssignmentExpression):
                        CheckDivisor(a, a.Right, model, diagnostics);
                        break;
                    case LiteralExpressionSyntax l when l.IsKind(SyntaxKind.StringLiteralExpression):
                        var bytes = Encoding.UTF8.GetByteCount(l.Token.ValueText);
                        if (bytes > MaxStringBytes)
                        {
                            diagnostics.Report(DiagnosticCatalog.StringLongerThanStap, l, bytes, MaxStringBytes);
                        }

                        break;
                }
            }
        }
    }

    /// <summary>
    /// A string constant holding U+0000 or an unpaired surrogate, reported at the innermost constant that holds it: the literal,
    /// the use of a const (its declaration is quiet: an unused const never reaches the script), the
    /// text of an interpolated string.
    /// </summary>
    private static void CheckNuls(SyntaxNode root, SemanticModel model, DiagnosticBag diagnostics)
    {
        foreach (var node in root.DescendantNodes(n => n is not AttributeListSyntax && !IsConstDeclaration(n)))
        {
            if (UnwritableIndex(node, model) is { } found && !node.ChildNodes().Any(child => UnwritableIndex(child, model) is not null))
            {
                diagnostics.Report(found.IsNul ? DiagnosticCatalog.NulInString : DiagnosticCatalog.LoneSurrogateInString, node, found.Index);
            }
        }
    }

    /// <summary>
    /// Where a string constant (an expression, or the literal text of an interpolated string) first holds
    /// U+0000 or a surrogate without its pair (UTF-8 has no form for it, so it would be written as U+FFFD); null if it holds neither.
    /// </summary>
    private static (int Index, bool IsNul)? UnwritableIndex(SyntaxNode node, SemanticModel model)
    {
        var value = node switch
        {
            InterpolatedStringTextSyntax text => model.GetOperation(text) is IInterpolatedStringTextOperation { Text.ConstantValue: { HasValue: true, Value: string s } } ? s : null,
            InterpolationSyntax hole => model.GetConstantValue(hole.Expression).Value as string,
            ExpressionSyntax expression => model.GetConstantValue(expression).Value as string,
            _ => null,
        };
        if (value is null)
        {
            return null;
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (value[i] == '\0' || char.IsSurrogate(value[i]))
            {
                return (i, value[i] == '\0');
            }
        }

        return null;
    }

    private static bool IsConstDeclaration(SyntaxNode node) =>
        node is FieldDeclarationSyntax field && field.Modifiers.Any(SyntaxKind.ConstKeyword) ||
        node is LocalDeclarationStatementSyntax { IsConst: true };

    private static void CheckDivisor(ExpressionSyntax operation, ExpressionSyntax divisor, SemanticModel model, DiagnosticBag diagnostics)
    {
        if (model.GetConstantValue(divisor) is { HasValue: true, Value: not null and not 0 and not 0L })
        {
            return;
        }

        var text = Unwrap(divisor).ToString();
        if (!IsGuarded(operation, text))
        {
            diagnostics.Report(DiagnosticCatalog.DivisionMayEndSession, divisor, text);
        }
    }

    /// <summary>
    /// A division is guarded inside a try block, or where a condition that mentions the divisor
    /// (e.g. <c>n != 0</c>, <c>n &gt; 0</c>) holds: the branch of an if or ?:, or right of &amp;&amp;.
    /// </summary>
    private static bool IsGuarded(SyntaxNode use, string divisor)
    {
        for (SyntaxNode node = use; node.Parent is { } parent; node = parent)
        {
            var guarded = parent switch
            {
                TryStatementSyntax @try => node == @try.Block,
                IfStatementSyntax @if => node == @if.Statement && Mentions(@if.Condition, divisor),
                ElseClauseSyntax { Parent: IfStatementSyntax @if } => Mentions(@if.Condition, divisor),
                ConditionalExpressionSyntax c => node != c.Condition && Mentions(c.Condition, divisor),
                BinaryExpressionSyntax b when b.IsKind(SyntaxKind.LogicalAndExpression) || b.IsKind(SyntaxKind.LogicalOrExpression) =>
                    node == b.Right && Mentions(b.Left, divisor),
                _ => false,
            };
            if (guarded)
            {
                return true;
            }

            if (parent is MemberDeclarationSyntax)
            {
                return false;
            }
        }

        return false;
    }

    private static bool Mentions(ExpressionSyntax condition, string divisor) =>
        condition.DescendantNodesAndSelf().OfType<ExpressionSyntax>().Any(e => Unwrap(e).ToString() == divisor);

    private static ExpressionSyntax Unwrap(ExpressionSyntax expression) =>
        expression is ParenthesizedExpressionSyntax p ? Unwrap(p.Expression) : expression;
}
