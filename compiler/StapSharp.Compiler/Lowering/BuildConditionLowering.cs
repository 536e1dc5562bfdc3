using StapSharp.Compiler.Bound;
using StapSharp.Compiler.IR;

namespace StapSharp.Compiler.Lowering;

/// <summary>
/// A condition on build-time facts in stap's only shape. stap's <c>%(</c> has no parentheses and no
/// negation, so negations are pushed into the comparisons (De Morgan) and <c>&amp;&amp;</c> is spread
/// over <c>||</c> into a disjunction of conjunctions (stap's <c>&amp;&amp;</c> binds tighter). That can
/// multiply, so the binder bounds <see cref="ComparisonCount"/> before anything is lowered.
/// </summary>
internal static class BuildConditionLowering
{
    public static Statement Lower(BoundBuildConditional conditional) =>
        new ConditionalCompilation(conditional.Span, Condition(conditional.Condition), conditional.Then, conditional.Else);

    public static Expression Lower(BoundBuildConditionalExpression conditional) =>
        new ConditionalCompilationExpression(conditional.Span, conditional.Type, Condition(conditional.Condition), conditional.Then, conditional.Else);

    public static BuildCondition Condition(BuildTest test) => new(Disjunction(test, negated: false));

    private static List<IReadOnlyList<BuildComparison>> Disjunction(BuildTest test, bool negated)
    {
        switch (test)
        {
            case BuildNot not:
                return Disjunction(not.Operand, !negated);
            case BuildOr or:
                return Junction(or.Left, or.Right, negated, isOr: !negated);
            case BuildAnd and:
                return Junction(and.Left, and.Right, negated, isOr: negated);
            case BuildFactTest fact:
                return [[negated ? fact.Comparison with { Operator = Negation(fact.Comparison.Operator) } : fact.Comparison]];
            case BuildGuruModeTest guru:
                return [[new BuildComparison("guru_mode", ComparisonOperator.Equal, Literal.Long(guru.Span, negated ? 0 : 1))]];
            default:
                // Reported where it was bound; it matches nothing.
                return [];
        }
    }

    /// <summary>
    /// The number of comparisons the lowered condition has, counted without building it (saturating, so no
    /// size overflows). Every leaf counts one, a reported one too, so the count does not depend on errors.
    /// </summary>
    public static long ComparisonCount(BuildTest test) => Size(test, negated: false).Comparisons;

    private static (long Conjunctions, long Comparisons) Size(BuildTest test, bool negated)
    {
        switch (test)
        {
            case BuildNot not:
                return Size(not.Operand, !negated);
            case BuildOr or:
                return JunctionSize(Size(or.Left, negated), Size(or.Right, negated), isOr: !negated);
            case BuildAnd and:
                return JunctionSize(Size(and.Left, negated), Size(and.Right, negated), isOr: negated);
            default:
                return (1, 1);
        }

        static (long, long) JunctionSize((long Conjunctions, long Comparisons) left, (long Conjunctions, long Comparisons) right, bool isOr) => isOr
            ? (Add(left.Conjunctions, right.Conjunctions), Add(left.Comparisons, right.Comparisons))
            : (Multiply(left.Conjunctions, right.Conjunctions),
               Add(Multiply(left.Comparisons, right.Conjunctions), Multiply(right.Comparisons, left.Conjunctions)));

        static long Add(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

        static long Multiply(long a, long b) => a != 0 && b > long.MaxValue / a ? long.MaxValue : a * b;
    }

    private static List<IReadOnlyList<BuildComparison>> Junction(BuildTest left, BuildTest right, bool negated, bool isOr)
    {
        var lefts = Disjunction(left, negated);
        var rights = Disjunction(right, negated);
        return isOr ? [.. lefts, .. rights] : lefts.SelectMany(l => rights.Select(r => (IReadOnlyList<BuildComparison>)[.. l, .. r])).ToList();
    }

    private static ComparisonOperator Negation(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => ComparisonOperator.NotEqual,
        ComparisonOperator.NotEqual => ComparisonOperator.Equal,
        ComparisonOperator.Less => ComparisonOperator.GreaterOrEqual,
        ComparisonOperator.GreaterOrEqual => ComparisonOperator.Less,
        ComparisonOperator.Greater => ComparisonOperator.LessOrEqual,
        ComparisonOperator.LessOrEqual => ComparisonOperator.Greater,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };
}
