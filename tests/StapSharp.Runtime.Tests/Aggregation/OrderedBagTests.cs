using CsCheck;
using StapSharp.Runtime.Aggregation;

namespace StapSharp.Runtime.Tests.Aggregation;

public class OrderedBagTests
{
    private static long[] Sorted(List<long> samples) => samples.Order().ToArray();

    private static long NearestRank(long[] sorted, double percent) =>
        sorted[Math.Clamp((long)Math.Ceiling(percent / 100 * sorted.Length), 1, sorted.Length) - 1];

    [Fact]
    public void Adds_and_removes_match_a_sorted_list()
    {
        // (value, add?) pairs; values from a narrow range so that duplicates dominate.
        Gen.Select(Gen.Long[-20, 20], Gen.Int[0, 3]).Array[0, 300].Sample(ops =>
        {
            var bag = new OrderedBag<long>();
            var model = new List<long>();
            foreach (var (value, action) in ops)
            {
                if (action == 0)
                {
                    Assert.Equal(model.Remove(value), bag.Remove(value));
                }
                else
                {
                    bag.Add(value);
                    model.Add(value);
                }
                bag.Validate();
                Assert.Equal(model.Count, bag.Count);
            }
            var sorted = Sorted(model);
            Assert.Equal(sorted, bag.ToArray());
            Assert.Equal(sorted.Distinct().Count(), bag.DistinctCount);
            for (int i = 0; i < sorted.Length; i++)
            {
                Assert.Equal(sorted[i], bag.ElementAt(i));
            }

            for (long probe = -21; probe <= 21; probe++)
            {
                Assert.Equal(sorted.Count(v => v < probe), bag.CountLessThan(probe));
                Assert.Equal(sorted.Count(v => v <= probe), bag.CountAtMost(probe));
                Assert.Equal(sorted.Count(v => v == probe), bag.CountOf(probe));
            }
            if (sorted.Length > 0)
            {
                foreach (double p in new[] { 0, 1, 10, 25, 50, 90, 99, 99.9, 100 })
                {
                    Assert.Equal(NearestRank(sorted, p), bag.Percentile(p));
                }
            }
        }, iter: 300);
    }

    [Fact]
    public void Weighted_adds_and_partial_removes_match_brute_force()
    {
        Gen.Select(Gen.Int[0, 10], Gen.Long[1, 5], Gen.Bool).Array[0, 100].Sample(ops =>
        {
            var bag = new OrderedBag<int>();
            var counts = new SortedDictionary<int, long>();
            foreach (var (value, times, add) in ops)
            {
                counts.TryGetValue(value, out long current);
                if (add)
                {
                    bag.Add(value, times);
                    counts[value] = current + times;
                }
                else
                {
                    Assert.Equal(Math.Min(current, times), bag.Remove(value, times));
                    if (current - times > 0)
                    {
                        counts[value] = current - times;
                    }
                    else
                    {
                        counts.Remove(value);
                    }
                }
                bag.Validate();
            }
            Assert.Equal(counts.Select(kv => (kv.Key, kv.Value)), bag.Counts());
            Assert.Equal(counts.Reverse().Select(kv => (kv.Key, kv.Value)), bag.Counts(descending: true));
            Assert.Equal(counts.Values.Sum(), bag.Count);
        }, iter: 300);
    }

    [Fact]
    public void Percentiles_of_all_equal_samples_are_that_value()
    {
        var bag = new OrderedBag<long>();
        bag.Add(42, 1_000_000);
        Assert.Equal(1, bag.DistinctCount);
        Assert.Equal(42, bag.Percentile(0));
        Assert.Equal(42, bag.Percentile(99.99));
        Assert.Equal(42, bag.Median);
    }

    [Fact]
    public void Percentile_rejects_out_of_range_and_empty()
    {
        var bag = new OrderedBag<long>();
        Assert.Throws<InvalidOperationException>(() => bag.Percentile(50));
        bag.Add(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => bag.Percentile(101));
        Assert.Throws<ArgumentOutOfRangeException>(() => bag.Percentile(double.NaN));
    }
}
