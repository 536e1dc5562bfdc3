using CsCheck;
using StapSharp.Runtime.Aggregation;

namespace StapSharp.Runtime.Tests.Aggregation;

public class HistogramTests
{
    private static long PowerOfTwoAtMost(ulong magnitude)
    {
        ulong power = 1;
        while (power <= magnitude / 2)
        {
            power *= 2;
        }

        return unchecked((long)power);
    }

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(1L, "1")]
    [InlineData(2L, "2")]
    [InlineData(3L, "2")]
    [InlineData(5L, "4")]
    [InlineData(1023L, "512")]
    [InlineData(1024L, "1024")]
    [InlineData(-1L, "-1")]
    [InlineData(-3L, "-2")]
    [InlineData(-7L, "-4")]
    [InlineData(-8L, "-8")]
    public void Log2_buckets_follow_stap(long value, string label)
    {
        Assert.Equal(label, new Log2Histogram().Buckets[Log2Histogram.BucketIndex(value)].Label);
    }

    [Fact]
    public void Log2_bucket_covers_its_value_and_is_labelled_by_the_power_of_two_nearest_zero()
    {
        Gen.Long.Sample(value =>
        {
            var histogram = new Log2Histogram();
            histogram.Add(value);
            int index = Log2Histogram.BucketIndex(value);
            var bucket = histogram.Buckets[index];
            Assert.InRange(value, bucket.Low, bucket.High);
            Assert.Equal(1, bucket.Count);
            long expectedLabel = value == 0 ? 0 : value > 0 ? PowerOfTwoAtMost((ulong)value) : -PowerOfTwoAtMost(unchecked(0UL - (ulong)value));
            Assert.Equal(expectedLabel, Log2Histogram.BucketLabel(index));
            Assert.Equal(1, histogram.Buckets.Sum(b => b.Count));
        }, iter: 2000);
    }

    [Fact]
    public void Log2_buckets_tile_the_long_range_in_order()
    {
        var buckets = new Log2Histogram().Buckets;
        Assert.Equal(long.MinValue, buckets[0].Low);
        Assert.Equal(long.MaxValue, buckets[^1].High);
        for (int i = 1; i < buckets.Count; i++)
        {
            Assert.Equal(buckets[i - 1].High + 1, buckets[i].Low);
        }
    }

    [Fact]
    public void Linear_buckets_match_stap_including_under_and_overflow()
    {
        var histogram = new LinearHistogram(0, 100, 10);
        Assert.Equal(13, histogram.Buckets.Count);
        Assert.Equal(0, histogram.BucketIndex(-1));
        Assert.Equal(1, histogram.BucketIndex(0));
        Assert.Equal(1, histogram.BucketIndex(9));
        Assert.Equal(2, histogram.BucketIndex(10));
        Assert.Equal(11, histogram.BucketIndex(100));
        Assert.Equal(11, histogram.BucketIndex(109));
        Assert.Equal(12, histogram.BucketIndex(110));
        Assert.Equal("<0", histogram.Buckets[0].Label);
        Assert.Equal("100", histogram.Buckets[11].Label);
        Assert.Equal(">100", histogram.Buckets[12].Label);
        Assert.Equal(BucketKind.Overflow, histogram.Buckets[12].Kind);
    }

    [Fact]
    public void Linear_bucket_index_matches_the_stap_formula_and_covers_the_value()
    {
        Gen.Select(Gen.Long[-1000, 1000], Gen.Long[1, 50], Gen.Int[0, 40], Gen.Long[-3000, 3000]).Sample((start, interval, steps, value) =>
        {
            long stop = start + steps * interval + interval / 2;
            var histogram = new LinearHistogram(start, stop, interval);
            int buckets = (int)((stop - start) / interval + 3);
            int expected = value < start ? 0 : (int)Math.Min((value - start) / interval + 1, buckets - 1);
            Assert.Equal(expected, histogram.BucketIndex(value));
            var bucket = histogram.Buckets[expected];
            Assert.InRange(value, bucket.Low, bucket.High);
        }, iter: 2000);
    }
}
