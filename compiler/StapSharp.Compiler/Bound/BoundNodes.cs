using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.Events;
using StapSharp.Compiler.IR;

namespace StapSharp.Compiler.Bound;

/// <summary>
/// A C# construct bound to its meaning whose stap form is a rewrite, not a spelling: an interpolated
/// string, a print of one, an <c>Emit</c>, a condition on build-time facts. Every other bound form is
/// already an IR node (C#'s <c>a + b</c> is stap's <c>a + b</c>, a foreach over a map is stap's foreach).
/// Lowering/ replaces each of these before anything reads the script; a pass that is not a
/// bound visitor meeting one fails loudly instead of printing something else.
/// </summary>
public abstract record BoundExpression(SourceSpan Span, StapType Type) : Expression(Span, Type)
{
    public sealed override TResult Accept<TResult>(IExpressionVisitor<TResult> visitor) =>
        visitor is IBoundExpressionVisitor<TResult> bound ? Accept(bound) : throw BoundNodes.NotLowered(this, visitor);

    public abstract TResult Accept<TResult>(IBoundExpressionVisitor<TResult> visitor);
}

/// <summary>The statement form of <see cref="BoundExpression"/>.</summary>
public abstract record BoundStatement(SourceSpan Span) : Statement(Span)
{
    public sealed override TResult Accept<TResult>(IStatementVisitor<TResult> visitor) =>
        visitor is IBoundStatementVisitor<TResult> bound ? Accept(bound) : throw BoundNodes.NotLowered(this, visitor);

    public abstract TResult Accept<TResult>(IBoundStatementVisitor<TResult> visitor);
}

/// <summary>One method per bound statement construct: the lowering handles each or does not compile.</summary>
public interface IBoundStatementVisitor<out TResult> : IStatementVisitor<TResult>
{
    TResult Visit(BoundEmit emit);

    TResult Visit(BoundBuildConditional conditional);
}

/// <summary>One method per bound expression construct: the lowering handles each or does not compile.</summary>
public interface IBoundExpressionVisitor<out TResult> : IExpressionVisitor<TResult>
{
    TResult Visit(BoundInterpolation interpolation);

    TResult Visit(BoundPrint print);

    TResult Visit(BoundBuildConditionalExpression conditional);
}

/// <summary><c>$"{name,-20} {n:x}"</c>: text and holes, each hole with its alignment and its format.</summary>
public sealed record BoundInterpolation(SourceSpan Span, IReadOnlyList<InterpolationPart> Parts) : BoundExpression(Span, StapType.String)
{
    public override TResult Accept<TResult>(IBoundExpressionVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary>A part of an interpolated string.</summary>
public abstract record InterpolationPart;

/// <summary>Literal text, as C# reads it (escapes resolved).</summary>
public sealed record InterpolationText(string Text) : InterpolationPart;

/// <summary><c>{value,width:format}</c>; a negative width aligns left.</summary>
public sealed record InterpolationHole(Expression Value, long? Width, HoleFormat Format) : InterpolationPart;

/// <summary>How a hole's value is written: the formats with an exact stap equivalent.</summary>
public enum HoleFormat
{
    Text,
    Decimal,
    LowerHex,
    UpperHex,
}

/// <summary><c>Print($"...")</c> or <c>Println($"...")</c>: one formatted write.</summary>
public sealed record BoundPrint(SourceSpan Span, BoundInterpolation Text, bool NewLine) : BoundExpression(Span, StapType.Void)
{
    public override TResult Accept<TResult>(IBoundExpressionVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary>
/// <c>Emit(new R(a, b))</c>: the event type and its constructor arguments in the order C# evaluates
/// them (as written, defaults last), each with the field it fills.
/// </summary>
public sealed record BoundEmit(SourceSpan Span, EventTypeSchema Schema, IReadOnlyList<BoundEventArgument> Arguments) : BoundStatement(Span)
{
    public override TResult Accept<TResult>(IBoundStatementVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary>The value of the event field at <paramref name="Ordinal"/> (its constructor parameter's position).</summary>
public sealed record BoundEventArgument(int Ordinal, Expression Value);

/// <summary><c>if (Kernel...) then else otherwise</c>: decided when the script is built.</summary>
public sealed record BoundBuildConditional(SourceSpan Span, BuildTest Condition, Statement Then, Statement? Else) : BoundStatement(Span)
{
    public override TResult Accept<TResult>(IBoundStatementVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary><c>Kernel... ? a : b</c>: decided when the script is built.</summary>
public sealed record BoundBuildConditionalExpression(SourceSpan Span, StapType Type, BuildTest Condition, Expression Then, Expression Else)
    : BoundExpression(Span, Type)
{
    public override TResult Accept<TResult>(IBoundExpressionVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary>A condition on build-time facts, in the shape C# wrote it (with parentheses and negations).</summary>
public abstract record BuildTest;

/// <summary>One comparison of a fact with a constant; its negation negates the operator.</summary>
public sealed record BuildFactTest(BuildComparison Comparison) : BuildTest;

/// <summary><c>Kernel.GuruMode</c>: true when the module is built in guru mode.</summary>
public sealed record BuildGuruModeTest(SourceSpan Span) : BuildTest;

/// <summary>A part already reported as no build-time fact: it matches nothing.</summary>
public sealed record BuildInvalidTest : BuildTest;

public sealed record BuildNot(BuildTest Operand) : BuildTest;

public sealed record BuildAnd(BuildTest Left, BuildTest Right) : BuildTest;

public sealed record BuildOr(BuildTest Left, BuildTest Right) : BuildTest;

internal static class BoundNodes
{
    public static InvalidOperationException NotLowered(object node, object visitor) =>
        new($"{node.GetType().Name} reached {visitor.GetType().Name} before it was lowered");
}
