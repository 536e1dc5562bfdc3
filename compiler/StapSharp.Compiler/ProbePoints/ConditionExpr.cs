using StapSharp.Compiler.IR;

namespace StapSharp.Compiler.ProbePoints;

/// <summary>
/// The arming condition of a probe point (<c>if (EXPR)</c>), restricted to a side-effect-free
/// subset of stap expressions: global names, literals, unary and binary operators.
/// </summary>
public abstract record ConditionExpr
{
    /// <summary>
    /// Every identifier in the expression, in order of first appearance, without duplicates.
    /// The parser does not resolve them: the translator checks they are globals of the script.
    /// </summary>
    public IEnumerable<string> Identifiers => CollectIdentifiers().Distinct(StringComparer.Ordinal);

    /// <summary>The expression with every identifier renamed (e.g. C# field names to stap globals).</summary>
    public abstract ConditionExpr WithIdentifiers(Func<string, string> rename);

    private protected abstract IEnumerable<string> CollectIdentifiers();
}

/// <summary>A reference to a global variable of the script.</summary>
public sealed record IdentifierExpr(string Name) : ConditionExpr
{
    public override ConditionExpr WithIdentifiers(Func<string, string> rename) => new IdentifierExpr(rename(Name));

    private protected override IEnumerable<string> CollectIdentifiers() => [Name];
}

/// <summary>A string or integer literal operand.</summary>
public sealed record LiteralExpr(ProbeLiteral Literal) : ConditionExpr
{
    public override ConditionExpr WithIdentifiers(Func<string, string> rename) => this;

    private protected override IEnumerable<string> CollectIdentifiers() => [];
}

/// <summary>A prefix operator (one of <see cref="ConditionOperators.Unary"/>) applied to an operand.</summary>
public sealed record UnaryExpr(UnaryOperator Operator, ConditionExpr Operand) : ConditionExpr
{
    public override ConditionExpr WithIdentifiers(Func<string, string> rename) => this with { Operand = Operand.WithIdentifiers(rename) };

    private protected override IEnumerable<string> CollectIdentifiers() => Operand.Identifiers;
}

/// <summary>An infix operator (one of <see cref="ConditionOperators.Levels"/>) applied to two operands (all are left-associative in stap).</summary>
public sealed record BinaryExpr(BinaryOperator Operator, ConditionExpr Left, ConditionExpr Right) : ConditionExpr
{
    public override ConditionExpr WithIdentifiers(Func<string, string> rename) =>
        this with { Left = Left.WithIdentifiers(rename), Right = Right.WithIdentifiers(rename) };

    private protected override IEnumerable<string> CollectIdentifiers() => Left.Identifiers.Concat(Right.Identifiers);
}

/// <summary>
/// Which of stap's operators a condition allows and how tightly they bind, shared by the parser and the
/// printer; <see cref="StapSpelling"/> spells them.
/// </summary>
internal static class ConditionOperators
{
    /// <summary>Precedence of unary operators; binary levels are below it (stap's table, section 7).</summary>
    public const int UnaryPrecedence = 10;

    /// <summary>Precedence of literals, names and parenthesised expressions.</summary>
    public const int PrimaryPrecedence = 11;

    /// <summary>The prefix operators allowed in a condition.</summary>
    public static IReadOnlyList<UnaryOperator> Unary { get; } = [UnaryOperator.LogicalNot, UnaryOperator.Negate, UnaryOperator.BitwiseNot];

    /// <summary>
    /// The infix operators allowed in a condition, grouped by level, lowest precedence first; relational and
    /// equality operators share one level as in stap. Shifts and string concatenation are not allowed.
    /// </summary>
    public static IReadOnlyList<BinaryOperator[]> Levels { get; } =
    [
        [BinaryOperator.LogicalOr],
        [BinaryOperator.LogicalAnd],
        [BinaryOperator.BitwiseOr],
        [BinaryOperator.ExclusiveOr],
        [BinaryOperator.BitwiseAnd],
        [BinaryOperator.Equal, BinaryOperator.NotEqual, BinaryOperator.Less, BinaryOperator.LessOrEqual, BinaryOperator.Greater, BinaryOperator.GreaterOrEqual],
        [BinaryOperator.Add, BinaryOperator.Subtract],
        [BinaryOperator.Multiply, BinaryOperator.Divide, BinaryOperator.Remainder],
    ];

    /// <summary>
    /// Characters that, right after the operator, would make stap read a different token
    /// (<c>-</c> then <c>-</c> is <c>--</c>, <c>!</c> then <c>~</c> is <c>!~</c>, <c>%</c> then <c>{</c> is embedded C).
    /// The parser rejects them there; the printer separates them with a space.
    /// </summary>
    public static string ForbiddenAfter(UnaryOperator op) => op switch
    {
        UnaryOperator.LogicalNot => "=~",
        UnaryOperator.Negate => "-=>",
        _ => "",
    };

    /// <inheritdoc cref="ForbiddenAfter(UnaryOperator)"/>
    public static string ForbiddenAfter(BinaryOperator op) => op switch
    {
        BinaryOperator.BitwiseOr => "|=",
        BinaryOperator.BitwiseAnd => "&=",
        BinaryOperator.ExclusiveOr => "=",
        BinaryOperator.Less => "<=",
        BinaryOperator.Greater => ">=",
        BinaryOperator.Add => "+=",
        BinaryOperator.Subtract => "-=>",
        BinaryOperator.Multiply => "=",
        BinaryOperator.Divide => "/*=",
        BinaryOperator.Remainder => "={}()?:",
        _ => "",
    };

    /// <summary>Binding strength, higher binds tighter: the operator's level in <see cref="Levels"/>, counted from 1.</summary>
    /// <exception cref="ArgumentException"><paramref name="op"/> is not allowed in a condition.</exception>
    public static int Precedence(BinaryOperator op)
    {
        for (var level = 0; level < Levels.Count; level++)
        {
            if (Array.IndexOf(Levels[level], op) >= 0)
            {
                return level + 1;
            }
        }

        throw new ArgumentException($"{op} is not an operator of probe conditions", nameof(op));
    }
}
