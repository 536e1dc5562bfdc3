using CsCheck;
using StapSharp.Cli.Aggregate;
using static StapSharp.EndToEnd.Tests.Aggregate.AggregateEvents;

namespace StapSharp.EndToEnd.Tests.Aggregate;

/// <summary>The aggregation of a run's events agrees with the same computation written plainly in LINQ.</summary>
public sealed class EventAggregatorTests
{
    private static readonly Gen<(bool Tick, long Pid, string Name, long Latency)> Events =
        Gen.Select(Gen.Int[0, 5], Gen.Long[1, 4], Gen.OneOf<string>(["read", "write", "openat", "a\"b"]), Gen.Long[-1_000, 2_000_000])
            .Select((kind, pid, name, latency) => (kind == 0, pid, name, latency));

    [Fact]
    public void Groups_percentiles_and_other_types_equal_a_LINQ_computation()
    {
        Events.Array[0, 400].Sample(events =>
        {
            var aggregator = Aggregator(["pid", "name"], percentiles: "latencyNs", histogram: "latencyNs");
            foreach (var e in events)
            {
                aggregator.Add(e.Tick ? TickEvent(e.Latency) : CallEvent(e.Pid, e.Name, e.Latency));
            }

            var calls = events.Where(e => !e.Tick).ToList();
            var expected = calls.GroupBy(e => (e.Pid, e.Name)).ToList();
            Assert.Equal(expected.Count, aggregator.Groups.Count);
            foreach (var group in expected)
            {
                var aggregate = aggregator.Groups[new GroupKey([group.Key.Pid, group.Key.Name])];
                var sorted = group.Select(e => e.Latency).Order().ToList();
                Assert.Equal(sorted.Count, aggregate.Count);
                Assert.Equal(sorted.Sum(), aggregate.Stats.Sum);
                Assert.Equal(sorted[0], aggregate.Stats.Min);
                Assert.Equal(sorted[^1], aggregate.Stats.Max);
                foreach (var percent in AggregateReport.Percentiles.Append(100))
                {
                    Assert.Equal(sorted[NearestRank(percent, sorted.Count)], aggregate.Percentile(percent));
                }
            }

            Assert.Equal(calls.Count, aggregator.All.Count);
            Assert.Equal(calls.Count(c => c.Latency <= 0), aggregator.All.Log2.Buckets.Where(b => b.High <= 0).Sum(b => b.Count));
            Assert.Equal(events.Count(e => e.Tick), aggregator.Others.GetValueOrDefault("Tick"));

            // The top groups are those with the most events.
            var top = aggregator.Groups.Top(3, a => a.Count).Select(g => g.Value.Count);
            Assert.Equal(expected.Select(g => (long)g.Count()).OrderDescending().Take(3), top);
        });
    }

    [Fact]
    public void Without_group_fields_every_event_is_one_group_and_count_only_needs_no_value_field()
    {
        var aggregator = Aggregator(["name"]);
        aggregator.Add(CallEvent(1, "read", 5));
        aggregator.Add(CallEvent(2, "read", 7));
        aggregator.Add(TickEvent(1));

        var read = aggregator.Groups[new GroupKey(["read"])];
        Assert.Equal(2, read.Count);
        Assert.Equal(0, read.Stats.Sum);
        Assert.Null(read.Samples);
    }

    [Fact]
    public void Number_keys_order_by_value_and_a_large_u64_value_is_clamped()
    {
        Assert.True(GroupKeyComparer.Instance.Compare(new GroupKey([9L]), new GroupKey([10L])) < 0);
        Assert.True(GroupKeyComparer.Instance.Compare(new GroupKey([ulong.MaxValue]), new GroupKey([long.MaxValue])) > 0);
        Assert.Equal(long.MaxValue, EventAggregator.ToLong(ulong.MaxValue));
        Assert.Equal(-17, EventAggregator.ToLong(new Errno(-17)));
    }

    /// <summary>Nearest rank, written out: the smallest sample with at least that share at or below it.</summary>
    private static int NearestRank(double percent, int count) =>
        Math.Clamp((int)Math.Ceiling(percent / 100 * count), 1, count) - 1;
}
