namespace StapSharp.Runtime.Aggregation;

/// <summary>
/// Count, sum, min, max, average and variance of a stream of integers, with SystemTap's integer
/// semantics where stap defines them.
/// </summary>
/// <remarks>
/// <para><see cref="Average"/> is stap's <c>@avg</c>: <c>sum / count</c> in 64-bit integer division,
/// truncated toward zero.</para>
/// <para><see cref="Variance"/> is stap's <c>@variance(v, bit_shift)</c>: Welford's online algorithm
/// on integers, each value shifted left by <see cref="BitShift"/> to keep fractional precision in the
/// running mean, the sample variance <c>M2 / (count - 1)</c> by truncating division, scaled back by
/// 2·shift; 0 while there are fewer than two values (stap leaves it at its initial zero). The
/// truncations make it differ slightly from the exact value, as in stap; <see cref="ExactVariance"/>
/// gives the floating-point value.</para>
/// </remarks>
public struct RunningStats
{
    private long _scaledMean;
    private Int128 _scaledM2;
    private double _mean;
    private double _m2;

    /// <summary>Creates empty statistics.</summary>
    /// <param name="bitShift">Fraction bits for the integer variance (stap's <c>bit_shift</c>, 0 to 62).</param>
    public RunningStats(int bitShift)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bitShift);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bitShift, 62);
        BitShift = bitShift;
    }

    /// <summary>Fraction bits used by the integer variance.</summary>
    public int BitShift { get; }

    /// <summary>Number of values (<c>@count</c>).</summary>
    public long Count { get; private set; }

    /// <summary>Sum of the values (<c>@sum</c>), wrapping on overflow like stap's int64.</summary>
    public long Sum { get; private set; }

    /// <summary>Smallest value (<c>@min</c>); 0 when empty.</summary>
    public long Min { get; private set; }

    /// <summary>Largest value (<c>@max</c>); 0 when empty.</summary>
    public long Max { get; private set; }

    /// <summary><c>@avg</c>: sum / count, truncated toward zero; 0 when empty.</summary>
    public readonly long Average => Count == 0 ? 0 : Sum / Count;

    /// <summary><c>@variance</c> with stap's integer arithmetic (see the remarks).</summary>
    public readonly long Variance => Count < 2 ? 0 : (long)(_scaledM2 / (Count - 1) >> (2 * BitShift));

    /// <summary>The mean in floating point.</summary>
    public readonly double ExactMean => _mean;

    /// <summary>The sample variance (n − 1 denominator) in floating point; 0 with fewer than two values.</summary>
    public readonly double ExactVariance => Count < 2 ? 0 : _m2 / (Count - 1);

    /// <summary>The sample standard deviation in floating point.</summary>
    public readonly double StandardDeviation => Math.Sqrt(ExactVariance);

    /// <summary>Adds one value.</summary>
    public void Add(long value)
    {
        long scaled = value << BitShift;
        if (Count == 0)
        {
            Count = 1;
            Sum = Min = Max = value;
            _scaledMean = scaled;
            _mean = value;
            return;
        }
        Count++;
        Sum = unchecked(Sum + value);
        Min = Math.Min(Min, value);
        Max = Math.Max(Max, value);

        long delta = scaled - _scaledMean;
        _scaledMean += delta / Count;
        _scaledM2 += (Int128)delta * (scaled - _scaledMean);

        double exactDelta = value - _mean;
        _mean += exactDelta / Count;
        _m2 += exactDelta * (value - _mean);
    }

    /// <summary>Combines with statistics of another stream (another CPU, another interval).</summary>
    /// <exception cref="ArgumentException">The bit shifts differ.</exception>
    public void Merge(in RunningStats other)
    {
        if (other.Count == 0)
        {
            return;
        }

        if (Count == 0)
        {
            this = other;
            return;
        }
        if (other.BitShift != BitShift)
        {
            throw new ArgumentException("Cannot merge statistics with different bit shifts.", nameof(other));
        }

        long count = Count + other.Count;

        // Chan et al.'s pairwise update, in Int128 so that delta² · n₁ · n₂ cannot overflow.
        Int128 delta = (Int128)other._scaledMean - _scaledMean;
        _scaledM2 += other._scaledM2 + delta * delta * Count * other.Count / count;
        _scaledMean = (long)(_scaledMean + delta * other.Count / count);

        double exactDelta = other._mean - _mean;
        _m2 += other._m2 + exactDelta * exactDelta * Count * other.Count / count;
        _mean += exactDelta * other.Count / count;

        Count = count;
        Sum = unchecked(Sum + other.Sum);
        Min = Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
    }
}
