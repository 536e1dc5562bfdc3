using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using StapSharp.Compiler.Analysis;
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
    public static void Check(IEnumerable<INamedTypeSymbol> types, Compilation compilation, StapDiagnosticBag diagnostics)
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
                    case BinaryExpressionSyntax or PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax or AssignmentExpressionSyntax:
                        CheckWidth((ExpressionSyntax)node, model, diagnostics);
                        break;
                    case InterpolationSyntax { FormatClause: { } format } hole when IsHex(format) && IsNarrow(model.GetTypeInfo(hole.Expression).Type)
                        && model.GetConstantValue(hole.Expression) is not { HasValue: true, Value: >= 0 }:
                        diagnostics.Report(DiagnosticCatalog.NarrowArithmetic, hole, $"'{Shorten(hole)}'",
                            "C# writes a negative int in 8 hex digits (-7: fffffff9), stap in 16");
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
    /// An operation C# computes in 32 bits where the result differs from stap's 64-bit one for ordinary
    /// values, not only on overflow: a shift of an int (C# masks the count to 5 bits and drops the bits
    /// past 32) and any uint operation (its results are never negative). Plain int +, -, * and ~ agree
    /// with stap unless they overflow 32 bits; they are left alone, as <c>s.Length + 1</c> is common and
    /// right. Constants are not reported: the translator writes the value C# computed.
    /// </summary>
    private static void CheckWidth(ExpressionSyntax operation, SemanticModel model, StapDiagnosticBag diagnostics)
    {
        var type = model.GetTypeInfo(operation).Type;
        if (!IsNarrow(type) || model.GetConstantValue(operation).HasValue)
        {
            return;
        }

        if (IsShift(operation))
        {
            diagnostics.Report(DiagnosticCatalog.NarrowArithmetic, operation, $"'{Shorten(operation)}'",
                "C# takes an int's shift count modulo 32 and drops the bits shifted past 32: (one << 63) with an int one is int.MinValue in C#, 0x8000000000000000 in stap");
        }
        else if (type!.SpecialType == SpecialType.System_UInt32 && !operation.IsKind(SyntaxKind.SimpleAssignmentExpression))
        {
            diagnostics.Report(DiagnosticCatalog.NarrowArithmetic, operation, $"'{Shorten(operation)}'",
                "a uint result is never negative in C# (~0u is 4294967295), in stap it is (-1)");
        }
    }

    private static bool IsShift(ExpressionSyntax operation) => operation.Kind() is SyntaxKind.LeftShiftExpression or SyntaxKind.RightShiftExpression
        or SyntaxKind.UnsignedRightShiftExpression or SyntaxKind.LeftShiftAssignmentExpression or SyntaxKind.RightShiftAssignmentExpression
        or SyntaxKind.UnsignedRightShiftAssignmentExpression;

    /// <summary>Integer types C# computes in 32 bits (smaller ones are promoted to int).</summary>
    private static bool IsNarrow(ITypeSymbol? type) => type?.SpecialType is SpecialType.System_Int32 or SpecialType.System_UInt32
        or SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_SByte or SpecialType.System_Byte;

    private static bool IsHex(InterpolationFormatClauseSyntax format) => format.FormatStringToken.ValueText.StartsWith('x') || format.FormatStringToken.ValueText.StartsWith('X');

    private static string Shorten(SyntaxNode node)
    {
        var text = node.ToString().ReplaceLineEndings(" ");
        return text.Length <= 40 ? text : text[..37] + "...";
    }

    /// <summary>
    /// A string constant holding U+0000 or an unpaired surrogate, reported at the innermost constant that holds it: the literal,
    /// the use of a const (its declaration is quiet: an unused const never reaches the script), the
    /// text of an interpolated string.
    /// </summary>
    private static void CheckNuls(SyntaxNode root, SemanticModel model, StapDiagnosticBag diagnostics)
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

    private static void CheckDivisor(ExpressionSyntax operation, ExpressionSyntax divisor, SemanticModel model, StapDiagnosticBag diagnostics)
    {
        if (model.GetConstantValue(divisor) is { HasValue: true, Value: not null and not 0 and not 0L })
        {
            return;
        }

        if (!KnownConditions.InTryBlock(operation) && !KnownConditions.At(operation).Any(known => SameValue.Mentions(known.Condition, divisor, model)))
        {
            diagnostics.Report(DiagnosticCatalog.DivisionMayEndSession, divisor, SameValue.Strip(divisor).ToString());
        }
    }
}
