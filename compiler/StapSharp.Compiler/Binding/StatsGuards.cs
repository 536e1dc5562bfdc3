using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace StapSharp.Compiler.Binding;

/// <summary>
/// Whether a statistic is known to hold values where an extractor reads it: inside
/// <c>if (s.Count() &gt; 0)</c>, after <c>if (s.Count() == 0) return;</c>, right of <c>s.Count() &gt; 0 &amp;&amp;</c>,
/// or as the element of a foreach over a stats map (an element exists only once a value was added).
/// The statistic is recognised by its spelling, so <c>a[(k, 1)]</c> guards <c>a[(k, 1)]</c> only.
/// </summary>
internal static class StatsGuards
{
    public static bool IsNonEmpty(SyntaxNode use, ExpressionSyntax receiver, BodyContext context)
    {
        if (IsForeachElement(receiver, context))
        {
            return true;
        }

        var name = Spelling(receiver);
        for (SyntaxNode node = use; node.Parent is { } parent; node = parent)
        {
            var guarded = parent switch
            {
                IfStatementSyntax @if when node == @if.Statement => WhenTrue(@if.Condition, name, context),
                ElseClauseSyntax { Parent: IfStatementSyntax @if } => WhenFalse(@if.Condition, name, context),
                ConditionalExpressionSyntax c when node == c.WhenTrue => WhenTrue(c.Condition, name, context),
                ConditionalExpressionSyntax c when node == c.WhenFalse => WhenFalse(c.Condition, name, context),
                BinaryExpressionSyntax b when b.IsKind(SyntaxKind.LogicalAndExpression) && node == b.Right => WhenTrue(b.Left, name, context),
                BinaryExpressionSyntax b when b.IsKind(SyntaxKind.LogicalOrExpression) && node == b.Right => WhenFalse(b.Left, name, context),
                BlockSyntax block when node is StatementSyntax statement => EarlyExitBefore(block, statement, name, context),
                _ => false,
            };
            if (guarded)
            {
                return true;
            }

            if (parent is MemberDeclarationSyntax or LambdaExpressionSyntax or LocalFunctionStatementSyntax)
            {
                return false;
            }
        }

        return false;
    }

    private static bool IsForeachElement(ExpressionSyntax receiver, BodyContext context)
    {
        var local = receiver switch
        {
            MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Value" } value => context.Model.GetSymbolInfo(value.Expression).Symbol,
            IdentifierNameSyntax => context.Model.GetSymbolInfo(receiver).Symbol,
            _ => null,
        };
        return local is ILocalSymbol l && context.StatsElements.ContainsKey(l);
    }

    /// <summary><c>if (s.Count() == 0) return;</c> (or continue/break) among the statements before this one.</summary>
    private static bool EarlyExitBefore(BlockSyntax block, StatementSyntax statement, string name, BodyContext context) =>
        block.Statements.TakeWhile(s => s != statement).Any(s =>
            s is IfStatementSyntax { Else: null } @if && Exits(@if.Statement) && WhenFalse(@if.Condition, name, context));

    private static bool Exits(StatementSyntax statement) => statement switch
    {
        ReturnStatementSyntax or ContinueStatementSyntax or BreakStatementSyntax => true,
        BlockSyntax block => block.Statements.LastOrDefault() is { } last && Exits(last),
        _ => false,
    };

    /// <summary>True when <paramref name="condition"/> being true means the statistic has values.</summary>
    private static bool WhenTrue(ExpressionSyntax condition, string name, BodyContext context) => Strip(condition) switch
    {
        BinaryExpressionSyntax b when b.IsKind(SyntaxKind.LogicalAndExpression) => WhenTrue(b.Left, name, context) || WhenTrue(b.Right, name, context),
        PrefixUnaryExpressionSyntax n when n.IsKind(SyntaxKind.LogicalNotExpression) => WhenFalse(n.Operand, name, context),
        BinaryExpressionSyntax b => CountComparison(b, name, context) is { } c && !c.Holds(0),
        _ => false,
    };

    /// <summary>True when <paramref name="condition"/> being false means the statistic has values.</summary>
    private static bool WhenFalse(ExpressionSyntax condition, string name, BodyContext context) => Strip(condition) switch
    {
        BinaryExpressionSyntax b when b.IsKind(SyntaxKind.LogicalOrExpression) => WhenFalse(b.Left, name, context) || WhenFalse(b.Right, name, context),
        PrefixUnaryExpressionSyntax n when n.IsKind(SyntaxKind.LogicalNotExpression) => WhenTrue(n.Operand, name, context),
        BinaryExpressionSyntax b => CountComparison(b, name, context) is { } c && c.Holds(0),
        _ => false,
    };

    /// <summary><c>name.Count() OP constant</c> (either way round) as a test on the count.</summary>
    private static CountTest? CountComparison(BinaryExpressionSyntax comparison, string name, BodyContext context)
    {
        var countOnLeft = IsCount(comparison.Left, name);
        if (!countOnLeft && !IsCount(comparison.Right, name))
        {
            return null;
        }

        var other = countOnLeft ? comparison.Right : comparison.Left;
        if (context.Model.GetConstantValue(other) is not { HasValue: true, Value: long or int } constant)
        {
            return null;
        }

        var bound = Convert.ToInt64(constant.Value, System.Globalization.CultureInfo.InvariantCulture);
        var kind = comparison.Kind();
        if (!countOnLeft)
        {
            // 0 < n is n > 0.
            kind = kind switch
            {
                SyntaxKind.LessThanExpression => SyntaxKind.GreaterThanExpression,
                SyntaxKind.LessThanOrEqualExpression => SyntaxKind.GreaterThanOrEqualExpression,
                SyntaxKind.GreaterThanExpression => SyntaxKind.LessThanExpression,
                SyntaxKind.GreaterThanOrEqualExpression => SyntaxKind.LessThanOrEqualExpression,
                _ => kind,
            };
        }

        return new CountTest(kind, bound);
    }

    private static bool IsCount(ExpressionSyntax syntax, string name) =>
        Strip(syntax) is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0, Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Count" } access } &&
        Spelling(access.Expression) == name;

    private static ExpressionSyntax Strip(ExpressionSyntax syntax) =>
        syntax is ParenthesizedExpressionSyntax p ? Strip(p.Expression) : syntax;

    private static string Spelling(ExpressionSyntax syntax) => Regex.Replace(Strip(syntax).ToString(), @"\s+", string.Empty);

    /// <summary>A comparison of the count with a constant; <see cref="Holds"/> evaluates it for one count.</summary>
    private sealed record CountTest(SyntaxKind Kind, long Bound)
    {
        public bool Holds(long count) => Kind switch
        {
            SyntaxKind.GreaterThanExpression => count > Bound,
            SyntaxKind.GreaterThanOrEqualExpression => count >= Bound,
            SyntaxKind.LessThanExpression => count < Bound,
            SyntaxKind.LessThanOrEqualExpression => count <= Bound,
            SyntaxKind.EqualsExpression => count == Bound,
            SyntaxKind.NotEqualsExpression => count != Bound,
            _ => true,
        };
    }
}
