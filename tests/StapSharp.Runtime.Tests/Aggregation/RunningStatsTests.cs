using System.Numerics;
using CsCheck;
using StapSharp.Runtime.Aggregation;

namespace StapSharp.Runtime.Tests.Aggregation;

public class RunningStatsTests
{
    /// <summary>stap's integer Welford update written out directly, in arbitrary precision.</summary>
    private static long StapVariance(long[] values, int shift)
    {
        if (values.Length < 2)
        {
            return 0;
        }

        BigInteger mean = (BigInteger)values[0] << shift, m2 = 0;
        for (int i = 1; i < values.Length; i++)
        {
            BigInteger scaled = (BigInteger)values[i] << shift;
            BigInteger delta = scaled - mean;
            mean += BigInteger.Divide(delta, i + 1);
            m2 += delta * (scaled - mean);
        }
        return (long)(BigInteger.Divide(m2, values.Length - 1) >> (2 * shift));
    }

    private static RunningStats StatsOf(IEnumerable<long> values, int shift = 0)
    {
        var stats = new RunningStats(shift);
        foreach (long v in values)
        {
            stats.Add(v);
        }

        return stats;
    }

    [Fact]
    public void Matches_brute_force_and_stap_integer_semantics()
    {
        Gen.Select(Gen.Long[-1_000_000, 1_000_000].Array[0, 100], Gen.Int[0, 16]).Sample((values, shift) =>
        {
            var stats = StatsOf(values, shift);
            Assert.Equal(values.Length, stats.Count);
            if (values.Length == 0)
            {
                Assert.Equal(0, stats.Average);
                return;
            }
            Assert.Equal(values.Sum(), stats.Sum);
            Assert.Equal(values.Min(), stats.Min);
            Assert.Equal(values.Max(), stats.Max);
            Assert.Equal(values.Sum() / values.Length, stats.Average);
            Assert.Equal(StapVariance(values, shift), stats.Variance);
            if (values.Length > 1)
            {
                double mean = values.Average();
                double exact = values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
                Assert.Equal(exact, stats.ExactVariance, exact * 1e-9 + 1e-6);
            }
        }, iter: 1000);
    }

    [Fact]
    public void Average_truncates_toward_zero_like_stap()
    {
        Assert.Equal(-1, StatsOf([-1, -2]).Average);
        Assert.Equal(1, StatsOf([1, 2]).Average);
        Assert.Equal(0, StatsOf([5]).Variance);
    }

    [Fact]
    public void Merging_partial_results_matches_one_pass()
    {
        Gen.Select(Gen.Long[-10_000, 10_000].Array[0, 60], Gen.Long[-10_000, 10_000].Array[0, 60]).Sample((left, right) =>
        {
            var merged = StatsOf(left, 8);
            merged.Merge(StatsOf(right, 8));
            var whole = StatsOf(left.Concat(right), 8);
            Assert.Equal(whole.Count, merged.Count);
            Assert.Equal(whole.Sum, merged.Sum);
            Assert.Equal(whole.Min, merged.Min);
            Assert.Equal(whole.Max, merged.Max);
            Assert.Equal(whole.ExactVariance, merged.ExactVariance, whole.ExactVariance * 1e-9 + 1e-6);
            // Both integer paths truncate differently, but with 8 fraction bits they agree to within one unit.
            Assert.InRange(merged.Variance, whole.Variance - 1 - whole.Variance / 1000, whole.Variance + 1 + whole.Variance / 1000);
        }, iter: 500);
    }
}
