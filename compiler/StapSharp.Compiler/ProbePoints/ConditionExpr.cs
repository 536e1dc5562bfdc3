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

/// <summary>The prefix operators allowed in a condition.</summary>
public enum UnaryOperator
{
    /// <summary><c>!</c></summary>
    LogicalNot,
    /// <summary><c>-</c></summary>
    Negate,
    /// <summary><c>~</c></summary>
    BitwiseNot,
}

/// <summary>A prefix operator applied to an operand.</summary>
public sealed record UnaryExpr(UnaryOperator Operator, ConditionExpr Operand) : ConditionExpr
{
    public override ConditionExpr WithIdentifiers(Func<string, string> rename) => this with { Operand = Operand.WithIdentifiers(rename) };

    private protected override IEnumerable<string> CollectIdentifiers() => Operand.Identifiers;
}

/// <summary>The infix operators allowed in a condition.</summary>
public enum BinaryOperator
{
    /// <summary><c>||</c></summary>
    LogicalOr,
    /// <summary><c>&amp;&amp;</c></summary>
    LogicalAnd,
    /// <summary><c>|</c></summary>
    BitwiseOr,
    /// <summary><c>^</c></summary>
    BitwiseXor,
    /// <summary><c>&amp;</c></summary>
    BitwiseAnd,
    /// <summary><c>==</c></summary>
    Equal,
    /// <summary><c>!=</c></summary>
    NotEqual,
    /// <summary><c>&lt;</c></summary>
    Less,
    /// <summary><c>&lt;=</c></summary>
    LessOrEqual,
    /// <summary><c>&gt;</c></summary>
    Greater,
    /// <summary><c>&gt;=</c></summary>
    GreaterOrEqual,
    /// <summary><c>+</c></summary>
    Add,
    /// <summary><c>-</c></summary>
    Subtract,
    /// <summary><c>*</c></summary>
    Multiply,
    /// <summary><c>/</c></summary>
    Divide,
    /// <summary><c>%</c></summary>
    Remainder,
}

/// <summary>An infix operator applied to two operands (all are left-associative in stap).</summary>
public sealed record BinaryExpr(BinaryOperator Operator, ConditionExpr Left, ConditionExpr Right) : ConditionExpr
{
    public override ConditionExpr WithIdentifiers(Func<string, string> rename) =>
        this with { Left = Left.WithIdentifiers(rename), Right = Right.WithIdentifiers(rename) };

    private protected override IEnumerable<string> CollectIdentifiers() => Left.Identifiers.Concat(Right.Identifiers);
}

/// <summary>Spelling and precedence of the condition operators, shared by the parser and the printer.</summary>
internal static class ConditionOperators
{
    /// <summary>Precedence of unary operators; binary levels are below it (stap's table, section 7).</summary>
    public const int UnaryPrecedence = 10;

    /// <summary>Precedence of literals, names and parenthesised expressions.</summary>
    public const int PrimaryPrecedence = 11;

    public static string Spelling(UnaryOperator op) => op switch
    {
        UnaryOperator.LogicalNot => "!",
        UnaryOperator.Negate => "-",
        UnaryOperator.BitwiseNot => "~",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    public static string Spelling(BinaryOperator op) => op switch
    {
        BinaryOperator.LogicalOr => "||",
        BinaryOperator.LogicalAnd => "&&",
        BinaryOperator.BitwiseOr => "|",
        BinaryOperator.BitwiseXor => "^",
        BinaryOperator.BitwiseAnd => "&",
        BinaryOperator.Equal => "==",
        BinaryOperator.NotEqual => "!=",
        BinaryOperator.Less => "<",
        BinaryOperator.LessOrEqual => "<=",
        BinaryOperator.Greater => ">",
        BinaryOperator.GreaterOrEqual => ">=",
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Remainder => "%",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

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
        BinaryOperator.BitwiseXor => "=",
        BinaryOperator.Less => "<=",
        BinaryOperator.Greater => ">=",
        BinaryOperator.Add => "+=",
        BinaryOperator.Subtract => "-=>",
        BinaryOperator.Multiply => "=",
        BinaryOperator.Divide => "/*=",
        BinaryOperator.Remainder => "={}()?:",
        _ => "",
    };

    /// <summary>Binding strength, higher binds tighter; relational and equality operators share one level as in stap.</summary>
    public static int Precedence(BinaryOperator op) => op switch
    {
        BinaryOperator.LogicalOr => 1,
        BinaryOperator.LogicalAnd => 2,
        BinaryOperator.BitwiseOr => 3,
        BinaryOperator.BitwiseXor => 4,
        BinaryOperator.BitwiseAnd => 5,
        BinaryOperator.Equal or BinaryOperator.NotEqual or BinaryOperator.Less or BinaryOperator.LessOrEqual
            or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual => 6,
        BinaryOperator.Add or BinaryOperator.Subtract => 7,
        BinaryOperator.Multiply or BinaryOperator.Divide or BinaryOperator.Remainder => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    /// <summary>The binary operators grouped by level, lowest precedence first.</summary>
    public static IReadOnlyList<BinaryOperator[]> Levels { get; } =
        Enum.GetValues<BinaryOperator>()
            .GroupBy(Precedence)
            .OrderBy(level => level.Key)
            .Select(level => level.ToArray())
            .ToArray();
}
