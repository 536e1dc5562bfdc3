namespace StapSharp.Runtime.Aggregation;

/// <summary>What a histogram bucket covers.</summary>
public enum BucketKind
{
    /// <summary>A regular bucket [Low, High].</summary>
    Regular,

    /// <summary>Values below the linear histogram's start.</summary>
    Underflow,

    /// <summary>Values past the linear histogram's last bucket.</summary>
    Overflow,
}

/// <summary>One histogram bucket: the values it covers (inclusive), its stap label and its count.</summary>
/// <param name="Label">The value stap prints for the row (<c>0</c>, <c>-4</c>, <c>&lt;0</c>, <c>&gt;100</c>).</param>
public readonly record struct HistogramBucket(long Low, long High, long Count, string Label, BucketKind Kind);

/// <summary>A histogram with a fixed sequence of buckets, in value order.</summary>
public interface IHistogram
{
    /// <summary>Every bucket, empty ones included, in increasing value order.</summary>
    IReadOnlyList<HistogramBucket> Buckets { get; }

    /// <summary>Total number of values.</summary>
    long TotalCount { get; }

    /// <summary>Whether the buckets grow in powers of two (stap keeps the 0 bucket as a floor for those).</summary>
    bool IsLogarithmic { get; }
}

/// <summary>
/// stap's <c>@hist_log</c>: bucket 0 holds 0; a positive value v goes to the bucket labelled by its
/// highest set bit (1, 2, 4, 8, … so 5 goes to 4 and covers 4–7); a negative value mirrors that
/// (−1, −2 for −2…−3, −4 for −4…−7, …). 128 buckets cover every <see cref="long"/>.
/// </summary>
public sealed class Log2Histogram : IHistogram
{
    /// <summary>Number of buckets, as in stap (HIST_LOG_BUCKETS).</summary>
    public const int BucketCount = 128;

    /// <summary>Index of the bucket holding 0 (HIST_LOG_BUCKET0).</summary>
    public const int ZeroBucket = 64;

    private readonly long[] _counts = new long[BucketCount];

    /// <inheritdoc />
    public long TotalCount { get; private set; }

    /// <inheritdoc />
    public bool IsLogarithmic => true;

    /// <summary>Adds a value <paramref name="count"/> times.</summary>
    public void Add(long value, long count = 1)
    {
        _counts[BucketIndex(value)] += count;
        TotalCount += count;
    }

    /// <summary>Adds every count of another log2 histogram.</summary>
    public void Merge(Log2Histogram other)
    {
        for (int i = 0; i < BucketCount; i++)
        {
            _counts[i] += other._counts[i];
        }

        TotalCount += other.TotalCount;
    }

    /// <summary>The count of the bucket at <paramref name="index"/>.</summary>
    public long CountAt(int index) => _counts[index];

    /// <summary>stap's bucket index for a value.</summary>
    public static int BucketIndex(long value)
    {
        if (value == 0)
        {
            return ZeroBucket;
        }

        ulong magnitude = value < 0 ? unchecked(0UL - (ulong)value) : (ulong)value;
        int bits = 64 - System.Numerics.BitOperations.LeadingZeroCount(magnitude);
        return value > 0 ? Math.Min(ZeroBucket + bits, BucketCount - 1) : Math.Max(ZeroBucket - bits, 0);
    }

    /// <summary>stap's label of a bucket: 0, ±2^k (the end nearest zero).</summary>
    public static long BucketLabel(int index) => index == ZeroBucket
        ? 0
        : index > ZeroBucket ? 1L << (index - ZeroBucket - 1) : -(1L << (ZeroBucket - index - 1));

    /// <inheritdoc />
    public IReadOnlyList<HistogramBucket> Buckets
    {
        get
        {
            var buckets = new HistogramBucket[BucketCount];
            for (int i = 0; i < BucketCount; i++)
            {
                long label = BucketLabel(i);
                // The far end doubles the label minus one; the outermost buckets end at the type's limits.
                long far = i == BucketCount - 1 ? long.MaxValue : i == 0 ? long.MinValue : label > 0 ? label * 2 - 1 : label < 0 ? label * 2 + 1 : 0;
                var (low, high) = label < 0 ? (far, label) : (label, far);
                buckets[i] = new HistogramBucket(low, high, _counts[i], label.ToString(System.Globalization.CultureInfo.InvariantCulture), BucketKind.Regular);
            }
            return buckets;
        }
    }
}

/// <summary>
/// stap's <c>@hist_linear(v, start, stop, interval)</c>: (stop − start) / interval + 1 buckets of
/// width <c>interval</c> starting at <c>start</c> (so <c>stop</c> itself lands in the last regular
/// bucket), plus an underflow bucket for values below <c>start</c> and an overflow bucket for the rest.
/// Unlike stap there is no 128-bucket cap.
/// </summary>
public sealed class LinearHistogram : IHistogram
{
    private readonly long[] _counts;

    /// <summary>Creates the buckets.</summary>
    /// <exception cref="ArgumentException">interval ≤ 0 or stop &lt; start.</exception>
    public LinearHistogram(long start, long stop, long interval)
    {
        if (interval <= 0)
        {
            throw new ArgumentException("The interval must be positive.", nameof(interval));
        }

        if (stop < start)
        {
            throw new ArgumentException("stop must not be below start.", nameof(stop));
        }

        Start = start;
        Stop = stop;
        Interval = interval;
        _counts = new long[checked((int)((stop - start) / interval + 3))];
    }

    /// <summary>Lower bound of the first regular bucket.</summary>
    public long Start { get; }

    /// <summary>The value that still lands in the last regular bucket.</summary>
    public long Stop { get; }

    /// <summary>Bucket width.</summary>
    public long Interval { get; }

    /// <inheritdoc />
    public long TotalCount { get; private set; }

    /// <inheritdoc />
    public bool IsLogarithmic => false;

    /// <summary>Adds a value <paramref name="count"/> times.</summary>
    public void Add(long value, long count = 1)
    {
        _counts[BucketIndex(value)] += count;
        TotalCount += count;
    }

    /// <summary>Adds every count of a histogram with the same start, stop and interval.</summary>
    public void Merge(LinearHistogram other)
    {
        if (other.Start != Start || other.Stop != Stop || other.Interval != Interval)
        {
            throw new ArgumentException("Linear histograms must have the same layout to merge.", nameof(other));
        }

        for (int i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        TotalCount += other.TotalCount;
    }

    /// <summary>stap's bucket index: 0 is underflow, the last is overflow.</summary>
    public int BucketIndex(long value)
    {
        if (value < Start)
        {
            return 0;
        }

        ulong offset = unchecked((ulong)value - (ulong)Start) / (ulong)Interval;
        return offset >= (ulong)(_counts.Length - 2) ? _counts.Length - 1 : (int)offset + 1;
    }

    /// <inheritdoc />
    public IReadOnlyList<HistogramBucket> Buckets
    {
        get
        {
            int last = _counts.Length - 1;
            var buckets = new HistogramBucket[_counts.Length];
            buckets[0] = new HistogramBucket(long.MinValue, Start - 1, _counts[0], "<" + Start, BucketKind.Underflow);
            for (int i = 1; i < last; i++)
            {
                long low = Start + (i - 1) * Interval;
                buckets[i] = new HistogramBucket(low, low + Interval - 1, _counts[i], low.ToString(System.Globalization.CultureInfo.InvariantCulture), BucketKind.Regular);
            }
            long overflowFrom = Start + (last - 1) * Interval;
            buckets[last] = new HistogramBucket(overflowFrom, long.MaxValue, _counts[last], ">" + (Start + (last - 2) * Interval), BucketKind.Overflow);
            return buckets;
        }
    }
}
