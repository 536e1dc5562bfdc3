using CsCheck;
using StapSharp.Runtime.Aggregation;
using StapSharp.Runtime.Fleet;

namespace StapSharp.Runtime.Tests.Fleet;

/// <summary>Per-host aggregates merged into fleet totals equal the aggregate of every host's values together.</summary>
public sealed class FleetAggregationTests
{
    private static readonly double[] Percents = [0, 1, 25, 50, 90, 99, 99.9, 100];

    private static readonly AggregateOptions Options = AggregateOptions.Default with { Linear = (-1_000, 1_000, 50) };

    // Per host, (key, value) samples: few keys so groups span hosts, values that repeat, spread and go negative.
    private static readonly Gen<(int Key, long Value)[][]> FleetGen = Gen.Select(
        Gen.Int[0, 4],
        Gen.Frequency((3, Gen.Long[-50, 50]), (3, Gen.Long[0, 2_000_000]), (1, Gen.Long))).Array[0, 80].Array[1, 6];

    private static FleetAggregation<int> PerHost((int Key, long Value)[][] fleet)
    {
        var aggregation = new FleetAggregation<int>(Options);
        for (var host = 0; host < fleet.Length; host++)
        {
            // A host's own aggregation, shipped whole: what a host sends instead of its events.
            var local = new GroupedAggregation<int>(Options);
            foreach (var (key, value) in fleet[host])
            {
                local.Add(key, value);
            }

            aggregation.AddHost($"h{host}", local);
        }

        return aggregation;
    }

    /// <summary>Nearest rank over the sorted values, written out here so the test does not lean on the code it checks.</summary>
    private static long NearestRank(long[] sorted, double percent) => sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Length), 1, sorted.Length) - 1];

    [Fact]
    public void Merged_percentiles_counts_sums_and_histograms_equal_those_of_the_concatenated_samples()
    {
        FleetGen.Sample(fleet =>
        {
            var total = PerHost(fleet).Total();
            var union = fleet.SelectMany(h => h).ToLookup(s => s.Key, s => s.Value);

            Assert.Equal(union.Select(g => g.Key).Order(), total.Groups.Select(g => g.Key));
            foreach (var values in union)
            {
                var merged = total[values.Key];
                var sorted = values.Order().ToArray();
                Assert.Equal(sorted.Length, merged.Count);
                Assert.Equal(sorted.Aggregate(0L, (sum, v) => unchecked(sum + v)), merged.Stats.Sum);
                Assert.Equal((sorted[0], sorted[^1]), (merged.Stats.Min, merged.Stats.Max));
                Assert.Equal(Percents.Select(p => NearestRank(sorted, p)), Percents.Select(merged.Percentile));

                var alone = new StatAggregate(Options);
                foreach (var value in values)
                {
                    alone.Add(value);
                }

                Assert.Equal(alone.Log2.Buckets, merged.Log2.Buckets);
                Assert.Equal(alone.Linear!.Buckets, merged.Linear!.Buckets);
            }
        });
    }

    [Fact]
    public void The_top_groups_of_the_totals_are_those_of_the_concatenated_samples_whatever_the_hosts_order()
    {
        FleetGen.Sample(fleet =>
        {
            var forward = PerHost(fleet).Total();
            var backward = PerHost([.. fleet.Reverse()]).Total();
            var counts = fleet.SelectMany(h => h).GroupBy(s => s.Key).ToDictionary(g => g.Key, g => (long)g.Count());

            foreach (var n in new[] { 1, 2, 5 })
            {
                var top = forward.Top(n, a => a.Count);
                Assert.Equal(counts.Values.OrderDescending().Take(n), top.Select(g => g.Value.Count));
                Assert.All(top, g => Assert.Equal(counts[g.Key], g.Value.Count));
            }

            Assert.Equal(forward.Groups.Select(g => (g.Key, g.Value.Count, g.Value.Samples!.ToArray())),
                backward.Groups.Select(g => (g.Key, g.Value.Count, g.Value.Samples!.ToArray())), new PairsEqual());
        });
    }

    [Fact]
    public void Each_host_keeps_its_own_groups_and_the_events_added_one_by_one_merge_like_shipped_aggregations()
    {
        var aggregation = new FleetAggregation<string>();
        aggregation.Add("web1", "read", 10);
        aggregation.Add("web2", "read", 30);
        aggregation.Add("web1", "write", 5);
        aggregation.Add("web2", "read", 20);

        Assert.Equal(["web1", "web2"], aggregation.Hosts.Select(h => h.Host));
        Assert.Equal([("read", 1L), ("write", 1L)], aggregation.Host("web1").Groups.Select(g => (g.Key, g.Value.Count)));
        Assert.Equal(0, aggregation.Host("db").Count);
        var read = aggregation.Total()["read"];
        Assert.Equal((3L, 60L, 20L), (read.Count, read.Stats.Sum, read.Percentile(50)));
    }

    private sealed class PairsEqual : IEqualityComparer<(int, long, long[])>
    {
        public bool Equals((int, long, long[]) x, (int, long, long[]) y) => x.Item1 == y.Item1 && x.Item2 == y.Item2 && x.Item3.SequenceEqual(y.Item3);

        public int GetHashCode((int, long, long[]) obj) => obj.Item1;
    }
}
