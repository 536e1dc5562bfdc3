using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace StapSharp.Compiler.Analysis;

/// <summary>
/// Whether a statistic is known to hold values where an extractor reads it: inside
/// <c>if (s.Count() &gt; 0)</c> (or of a local holding that count), after <c>if (s.Count() == 0) return;</c>, right of <c>s.Count() &gt; 0 &amp;&amp;</c>,
/// or as the element of a foreach over a stats map (an element exists only once a value was added).
/// The statistic is recognised by what it names (<see cref="SameValue"/>), so <c>a[(k, 1)]</c> guards <c>a[(k, 1)]</c> only.
/// </summary>
internal static class StatsGuards
{
    /// <param name="use">The extractor's call.</param>
    /// <param name="receiver">The statistic it reads.</param>
    /// <param name="model">The semantic model of the method's tree.</param>
    /// <param name="isStatsElement">True for a foreach variable that is an element of a stats map.</param>
    public static bool IsNonEmpty(SyntaxNode use, ExpressionSyntax receiver, SemanticModel model, Func<ILocalSymbol, bool> isStatsElement) =>
        IsForeachElement(receiver, model, isStatsElement)
        || KnownConditions.At(use).Any(known => known.HoldsTrue
            ? WhenTrue(known.Condition, receiver, model)
            : WhenFalse(known.Condition, receiver, model));

    private static bool IsForeachElement(ExpressionSyntax receiver, SemanticModel model, Func<ILocalSymbol, bool> isStatsElement)
    {
        var local = receiver switch
        {
            MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Value" } value => model.GetSymbolInfo(value.Expression).Symbol,
            IdentifierNameSyntax => model.GetSymbolInfo(receiver).Symbol,
            _ => null,
        };
        return local is ILocalSymbol l && isStatsElement(l);
    }

    /// <summary>True when <paramref name="condition"/> being true means the statistic has values.</summary>
    private static bool WhenTrue(ExpressionSyntax condition, ExpressionSyntax statistic, SemanticModel model) => SameValue.Strip(condition) switch
    {
        BinaryExpressionSyntax b when b.IsKind(SyntaxKind.LogicalAndExpression) => WhenTrue(b.Left, statistic, model) || WhenTrue(b.Right, statistic, model),
        PrefixUnaryExpressionSyntax n when n.IsKind(SyntaxKind.LogicalNotExpression) => WhenFalse(n.Operand, statistic, model),
        BinaryExpressionSyntax b => CountComparison(b, statistic, model) is { } c && !c.Holds(0),
        _ => false,
    };

    /// <summary>True when <paramref name="condition"/> being false means the statistic has values.</summary>
    private static bool WhenFalse(ExpressionSyntax condition, ExpressionSyntax statistic, SemanticModel model) => SameValue.Strip(condition) switch
    {
        BinaryExpressionSyntax b when b.IsKind(SyntaxKind.LogicalOrExpression) => WhenFalse(b.Left, statistic, model) || WhenFalse(b.Right, statistic, model),
        PrefixUnaryExpressionSyntax n when n.IsKind(SyntaxKind.LogicalNotExpression) => WhenTrue(n.Operand, statistic, model),
        BinaryExpressionSyntax b => CountComparison(b, statistic, model) is { } c && c.Holds(0),
        _ => false,
    };

    /// <summary><c>statistic.Count() OP constant</c> (either way round) as a test on the count.</summary>
    private static CountTest? CountComparison(BinaryExpressionSyntax comparison, ExpressionSyntax statistic, SemanticModel model)
    {
        var countOnLeft = IsCount(comparison.Left, statistic, model);
        if (!countOnLeft && !IsCount(comparison.Right, statistic, model))
        {
            return null;
        }

        var other = countOnLeft ? comparison.Right : comparison.Left;
        if (model.GetConstantValue(other) is not { HasValue: true, Value: long or int } constant)
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

    private static bool IsCount(ExpressionSyntax syntax, ExpressionSyntax statistic, SemanticModel model) =>
        IsCountCall(SameValue.Strip(syntax), statistic, model) || IsCountCopy(SameValue.Strip(syntax), statistic, model);

    private static bool IsCountCall(ExpressionSyntax syntax, ExpressionSyntax statistic, SemanticModel model) =>
        syntax is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0, Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Count" } access } &&
        SameValue.Equal(access.Expression, statistic, model);

    /// <summary>
    /// <c>n</c> in <c>long n = s.Count(); if (n &gt; 0) ...</c>: a local declared with the count and never written
    /// again, in a body that empties no statistic (a <c>Clear</c> or <c>Remove</c> anywhere in it could come between).
    /// </summary>
    private static bool IsCountCopy(ExpressionSyntax syntax, ExpressionSyntax statistic, SemanticModel model)
    {
        if (syntax is not IdentifierNameSyntax name || model.GetSymbolInfo(name).Symbol is not ILocalSymbol local ||
            local.DeclaringSyntaxReferences is not [var declaration] ||
            declaration.GetSyntax() is not VariableDeclaratorSyntax { Initializer.Value: var initializer } ||
            !IsCountCall(SameValue.Strip(initializer), statistic, model) ||
            name.FirstAncestorOrSelf<MemberDeclarationSyntax>() is not { } body)
        {
            return false;
        }

        foreach (var node in body.DescendantNodes())
        {
            switch (node)
            {
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Clear" or "Remove" or "RemoveMatching" } }:
                    return false;
                case IdentifierNameSyntax use when IsWrite(use) && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(use).Symbol, local):
                    return false;
            }
        }

        return true;
    }

    /// <summary>Whether the name is assigned, incremented, decremented or passed by reference where it stands.</summary>
    private static bool IsWrite(IdentifierNameSyntax name)
    {
        SyntaxNode node = name;
        while (node.Parent is ParenthesizedExpressionSyntax)
        {
            node = node.Parent;
        }

        return node.Parent switch
        {
            AssignmentExpressionSyntax assignment => assignment.Left == node,
            PrefixUnaryExpressionSyntax unary => unary.Kind() is SyntaxKind.PreIncrementExpression or SyntaxKind.PreDecrementExpression,
            PostfixUnaryExpressionSyntax => true,
            ArgumentSyntax argument => !argument.RefKindKeyword.IsKind(SyntaxKind.None),
            _ => false,
        };
    }

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
