namespace StapSharp.Runtime.Aggregation;

/// <summary>The nearest-rank percentile definition shared by the sample collections.</summary>
internal static class NearestRank
{
    /// <summary>
    /// The 0-based position of the <paramref name="percent"/> percentile among <paramref name="count"/>
    /// sorted samples: the smallest sample with at least that share of all samples at or below it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The percent is NaN or outside [0, 100].</exception>
    /// <exception cref="InvalidOperationException">There are no samples.</exception>
    public static long Index(double percent, long count)
    {
        if (double.IsNaN(percent) || percent < 0 || percent > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(percent));
        }

        if (count == 0)
        {
            throw new InvalidOperationException("No samples.");
        }

        long rank = (long)Math.Ceiling(percent / 100.0 * count);
        return Math.Clamp(rank, 1, count) - 1;
    }
}
