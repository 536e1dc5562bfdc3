using StapSharp.Compiler.Diagnostics;

namespace StapSharp.Compiler.IR;

public abstract record Expression(SourceSpan Span, StapType Type)
{
    /// <summary>Calls the visitor's method for this node's type.</summary>
    public abstract TResult Accept<TResult>(IExpressionVisitor<TResult> visitor);
}

/// <summary>A long or string constant. Strings hold the raw value; the printer escapes it.</summary>
public sealed record Literal(SourceSpan Span, StapType Type, long LongValue, string? StringValue) : Expression(Span, Type)
{
    public static Literal Long(SourceSpan span, long value) => new(span, StapType.Long, value, null);

    public static Literal String(SourceSpan span, string value) => new(span, StapType.String, 0, value);

    public override TResult Accept<TResult>(IExpressionVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary>A local, parameter or scalar global.</summary>
public sealed record VariableRef(SourceSpan Span, StapType Type, string Name) : Expression(Span, Type)
{
    public override TResult Accept<TResult>(IExpressionVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary>A parameter of a script macro, in its body: <c>@name</c>, the text of the argument of each use.</summary>
public sealed record MacroParameter(SourceSpan Span, StapType Type, string Name) : Expression(Span, Type)
{
    public override TResult Accept<TResult>(IExpressionVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary>A target (context) variable: <c>$name</c>.</summary>
public sealed record TargetVariable(SourceSpan Span, StapType Type, string Name) : Expression(Span, Type)
{
    public override TResult Accept<TResult>(IExpressionVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary><c>array[k1, k2]</c>.</summary>
public sealed record ArrayElement(SourceSpan Span, StapType Type, string Array, IReadOnlyList<Expression> Keys) : Expression(Span, Type)
{
    public override TResult Accept<TResult>(IExpressionVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary>A whole array as the target of <c>delete</c>.</summary>
public sealed record WholeArray(SourceSpan Span, string Array) : Expression(Span, StapType.Void)
{
    public override TResult Accept<TResult>(IExpressionVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary><c>[k1, k2] in array</c>.</summary>
public sealed record Membership(SourceSpan Span, IReadOnlyList<Expression> Keys, string Array) : Expression(Span, StapType.Long)
{
    public override TResult Accept<TResult>(IExpressionVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary>A call of a stap function (tapset, built-in or script function), or a use of a script macro (<c>@name(args)</c>).</summary>
public sealed record Call(SourceSpan Span, StapType Type, string Function, IReadOnlyList<Expression> Arguments) : Expression(Span, Type)
{
    /// <summary>A use of the script macro <see cref="Function"/>: stap pastes its body here, with the arguments' text for its parameters.</summary>
    public bool IsMacro { get; init; }

    public override TResult Accept<TResult>(IExpressionVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary><c>printf("fmt", args)</c> and friends, whose first argument must stay a literal.</summary>
public sealed record FormatCall(SourceSpan Span, StapType Type, string Function, string Format, IReadOnlyList<Expression> Arguments) : Expression(Span, Type)
{
    public override TResult Accept<TResult>(IExpressionVisitor<TResult> visitor) => visitor.Visit(this);
}

public sealed record Binary(SourceSpan Span, StapType Type, BinaryOperator Operator, Expression Left, Expression Right) : Expression(Span, Type)
{
    public override TResult Accept<TResult>(IExpressionVisitor<TResult> visitor) => visitor.Visit(this);
}

public sealed record Unary(SourceSpan Span, StapType Type, UnaryOperator Operator, Expression Operand) : Expression(Span, Type)
{
    public override TResult Accept<TResult>(IExpressionVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary><c>++x</c>, <c>x--</c>.</summary>
public sealed record Crement(SourceSpan Span, StapType Type, CrementOperator Operator, bool Prefix, Expression Target) : Expression(Span, Type)
{
    public override TResult Accept<TResult>(IExpressionVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary><c>target op value</c> where op is <c>=</c>, <c>+=</c>, <c>.=</c>, ...</summary>
public sealed record Assignment(SourceSpan Span, StapType Type, AssignmentOperator Operator, Expression Target, Expression Value) : Expression(Span, Type)
{
    public override TResult Accept<TResult>(IExpressionVisitor<TResult> visitor) => visitor.Visit(this);
}

public sealed record Conditional(SourceSpan Span, StapType Type, Expression Condition, Expression WhenTrue, Expression WhenFalse) : Expression(Span, Type)
{
    public override TResult Accept<TResult>(IExpressionVisitor<TResult> visitor) => visitor.Visit(this);
}
