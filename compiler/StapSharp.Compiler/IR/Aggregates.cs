using StapSharp.Compiler.Diagnostics;

namespace StapSharp.Compiler.IR;

/// <summary><c>target &lt;&lt;&lt; value</c>: adds a value to a statistic (a stats global or a stats-array element).</summary>
public sealed record StatsAdd(SourceSpan Span, Expression Target, Expression Value) : Expression(Span, StapType.Void)
{
    public override TResult Accept<TResult>(IExpressionVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary><c>@count(target)</c>, <c>@sum</c>, <c>@min</c>, <c>@max</c>, <c>@avg</c>, <c>@variance(target[, shift])</c>.</summary>
public sealed record AggregateRead(SourceSpan Span, AggregateFunction Aggregate, Expression Target, long? BitShift) : Expression(Span, StapType.Long)
{
    public override TResult Accept<TResult>(IExpressionVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary>
/// <c>@hist_log(target)</c> or <c>@hist_linear(target, low, high, width)</c>. Not a value: only an
/// argument of print/println/sprint, or indexed by <see cref="HistogramBucket"/>.
/// </summary>
public sealed record HistogramRef(SourceSpan Span, HistogramKind Kind, Expression Target, IReadOnlyList<long> Parameters) : Expression(Span, StapType.Void)
{
    public override TResult Accept<TResult>(IExpressionVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary><c>@hist_log(target)[bucket]</c>: the count of one bucket.</summary>
public sealed record HistogramBucket(SourceSpan Span, HistogramRef Histogram, Expression Bucket) : Expression(Span, StapType.Long)
{
    public override TResult Accept<TResult>(IExpressionVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary><c>*</c>: any key, in a key pattern (<c>[*, k] in a</c>, <c>delete a[*, k]</c>, a foreach slice).</summary>
public sealed record Wildcard(SourceSpan Span, StapType Type) : Expression(Span, Type)
{
    public override TResult Accept<TResult>(IExpressionVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary>The optional parts of a foreach: <c>in a[SLICE] @AGG± limit N</c>, or a sort mark on a key.</summary>
public sealed record ForeachShape(IReadOnlyList<Expression>? Slice, ForeachSort? Sort, Expression? Limit);

/// <summary>
/// One sort mark: <paramref name="Column"/> 0 sorts by the value (the mark goes on the array, with
/// <paramref name="Aggregate"/> for a stats array), 1..n by that key position.
/// </summary>
public sealed record ForeachSort(int Column, bool Descending, AggregateFunction? Aggregate);
