namespace StapSharp.Compiler.IR;

/// <summary>The operator of a <see cref="Binary"/>; stap spells it as <see cref="StapSpelling.Spelling(BinaryOperator)"/> does.</summary>
public enum BinaryOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Remainder,
    ShiftLeft,
    ShiftRight,
    UnsignedShiftRight,
    BitwiseAnd,
    BitwiseOr,
    ExclusiveOr,
    LogicalAnd,
    LogicalOr,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Equal,
    NotEqual,

    /// <summary>String concatenation, <c>.</c>.</summary>
    Concatenate,

    /// <summary>Regular-expression match, <c>=~</c>: the right operand is a string literal, compiled by stap at build time.</summary>
    RegexMatch,

    /// <summary>Regular-expression mismatch, <c>!~</c>.</summary>
    RegexNoMatch,
}

/// <summary>The operator of a <see cref="Unary"/>.</summary>
public enum UnaryOperator
{
    Negate,
    BitwiseNot,
    LogicalNot,
}

/// <summary>The operator of a <see cref="Crement"/>.</summary>
public enum CrementOperator
{
    Increment,
    Decrement,
}

/// <summary>The operator of an <see cref="Assignment"/>: plain, compound on longs, or <c>.=</c> on strings.</summary>
public enum AssignmentOperator
{
    Assign,
    Add,
    Subtract,
    Multiply,
    Divide,
    Remainder,
    ShiftLeft,
    ShiftRight,
    BitwiseAnd,
    BitwiseOr,
    ExclusiveOr,

    /// <summary>String append, <c>.=</c>.</summary>
    Append,
}

/// <summary>The operator of a <see cref="BuildComparison"/>.</summary>
public enum ComparisonOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

/// <summary>What an <see cref="AggregateRead"/> (or a foreach sort on a statistic) extracts.</summary>
public enum AggregateFunction
{
    Count,
    Sum,
    Min,
    Max,
    Avg,
    Variance,
}

/// <summary>The shape of a <see cref="HistogramRef"/>.</summary>
public enum HistogramKind
{
    /// <summary><c>@hist_log</c>: power-of-two buckets.</summary>
    Log,

    /// <summary><c>@hist_linear(s, low, high, width)</c>.</summary>
    Linear,
}
