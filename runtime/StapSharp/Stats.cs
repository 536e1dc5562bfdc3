namespace StapSharp;

/// <summary>
/// A SystemTap statistic (an aggregate): values are added with <see cref="Add"/> (<c>s &lt;&lt;&lt; v</c>)
/// and read back only as aggregates (<c>@count(s)</c>, <c>@sum(s)</c>, ...) or histograms. Declare it
/// as a static field of a probe script (<c>static readonly Stats latency = new();</c> is
/// <c>global latency</c>), or use it as the value type of a <see cref="StapMap{TKey, TValue}"/>
/// (<c>latency[(name, pid)].Add(v)</c> is <c>latency[name, pid] &lt;&lt;&lt; v</c>).
/// Statistics are per-CPU and lock-free in the kernel: prefer <c>s.Add(1)</c> with <c>Count()</c>
/// to <c>n++</c> for hot counters.
/// </summary>
public sealed class Stats
{
    /// <summary><c>s &lt;&lt;&lt; value</c>: adds one value to the statistic.</summary>
    public void Add(long value) => StapOnlyException.Throw<bool>();

    /// <summary><c>delete s</c>: empties the statistic (a statement).</summary>
    public void Clear() => StapOnlyException.Throw<bool>();

    /// <summary><c>@count(s)</c>: how many values were added; 0 when empty.</summary>
    public long Count() => StapOnlyException.Throw<long>();

    /// <summary><c>@sum(s)</c>: the sum of the values; 0 when empty.</summary>
    public long Sum() => StapOnlyException.Throw<long>();

    /// <summary><c>@min(s)</c>: the smallest value. stap stops with "empty aggregate" when there is none: guard with <c>Count() &gt; 0</c>.</summary>
    public long Min() => StapOnlyException.Throw<long>();

    /// <summary><c>@max(s)</c>: the largest value. stap stops with "empty aggregate" when there is none: guard with <c>Count() &gt; 0</c>.</summary>
    public long Max() => StapOnlyException.Throw<long>();

    /// <summary><c>@avg(s)</c>: the integer mean. stap stops with "empty aggregate" when there is none: guard with <c>Count() &gt; 0</c>.</summary>
    public long Avg() => StapOnlyException.Throw<long>();

    /// <summary><c>@variance(s)</c>: the integer variance. stap stops with "empty aggregate" when there is none: guard with <c>Count() &gt; 0</c>.</summary>
    public long Variance() => StapOnlyException.Throw<long>();

    /// <summary>
    /// <c>@variance(s, bitShift)</c>: the variance computed with values scaled by 2^bitShift for
    /// precision. <paramref name="bitShift"/> is a constant in 0..62, the same at every use of one statistic.
    /// </summary>
    public long Variance(long bitShift) => StapOnlyException.Throw<long>();

    /// <summary>
    /// <c>@hist_log(s)</c>: a base-2 logarithmic histogram. Print it with <c>Print</c>/<c>Println</c>
    /// (ASCII art), turn it into text with <c>Sprint</c>, or read one bucket with the indexer.
    /// A statistic has one histogram kind: use either HistLog or HistLinear on it.
    /// </summary>
    public Histogram HistLog() => StapOnlyException.Throw<Histogram>();

    /// <summary>
    /// <c>@hist_linear(s, low, high, width)</c>: a linear histogram of buckets <paramref name="width"/>
    /// wide from <paramref name="low"/> to <paramref name="high"/>; the three are constants.
    /// Bucket 0 counts values below <paramref name="low"/>, the last one values above <paramref name="high"/>.
    /// </summary>
    public Histogram HistLinear(long low, long high, long width) => StapOnlyException.Throw<Histogram>();
}

/// <summary>
/// A histogram of a <see cref="Stats"/> (<c>@hist_log(s)</c> or <c>@hist_linear(s, ...)</c>). In stap a
/// histogram is not a value: pass it straight to <c>Print</c>, <c>Println</c> or <c>Sprint</c>, or
/// read one bucket's count with the indexer.
/// </summary>
public readonly struct Histogram
{
    /// <summary><c>@hist_log(s)[bucket]</c>: the number of values in one bucket.</summary>
    public long this[long bucket] => StapOnlyException.Throw<long>();
}
