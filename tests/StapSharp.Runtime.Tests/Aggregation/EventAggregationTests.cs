using CsCheck;
using StapSharp.Runtime.Aggregation;

namespace StapSharp.Runtime.Tests.Aggregation;

public class EventAggregationTests
{
    private readonly record struct Syscall(int Number, long LatencyNs);

    private static readonly Gen<Syscall[]> SyscallsGen =
        Gen.Select(Gen.Int[0, 12], Gen.Long[0, 5000], (n, l) => new Syscall(n, l)).Array[0, 300];

    private static long NearestRank(long[] sorted, double percent) =>
        sorted[Math.Clamp((long)Math.Ceiling(percent / 100 * sorted.Length), 1, sorted.Length) - 1];

    [Fact]
    public void Group_by_matches_linq()
    {
        SyscallsGen.Sample(events =>
        {
            var aggregation = EventAggregation.GroupBy(events, e => e.Number, e => e.LatencyNs,
                new AggregateOptions { Linear = (0, 4000, 500) });
            var expected = events.GroupBy(e => e.Number).OrderBy(g => g.Key).ToList();
            Assert.Equal(expected.Select(g => g.Key), aggregation.Groups.Select(g => g.Key));
            foreach (var group in expected)
            {
                var aggregate = aggregation[group.Key];
                var latencies = group.Select(e => e.LatencyNs).Order().ToArray();
                Assert.Equal(latencies.Length, aggregate.Stats.Count);
                Assert.Equal(latencies.Sum(), aggregate.Stats.Sum);
                Assert.Equal(latencies.Min(), aggregate.Stats.Min);
                Assert.Equal(latencies.Max(), aggregate.Stats.Max);
                Assert.Equal(latencies.Sum() / latencies.Length, aggregate.Stats.Average);
                Assert.Equal(NearestRank(latencies, 50), aggregate.Percentile(50));
                Assert.Equal(NearestRank(latencies, 99), aggregate.Percentile(99));
                Assert.Equal(latencies.Length, aggregate.Log2.TotalCount);
                Assert.Equal(latencies.Count(l => l > 4499), aggregate.Linear!.Buckets[^1].Count);
            }
            var top = aggregation.Top(3, a => a.Count).Select(kv => kv.Value.Count);
            Assert.Equal(expected.Select(g => (long)g.Count()).OrderDescending().Take(3), top);
        }, iter: 200);
    }

    [Fact]
    public void Merging_per_cpu_aggregations_equals_aggregating_everything()
    {
        Gen.Select(SyscallsGen, SyscallsGen).Sample((cpu0, cpu1) =>
        {
            var merged = EventAggregation.GroupBy(cpu0, e => e.Number, e => e.LatencyNs);
            merged.Merge(EventAggregation.GroupBy(cpu1, e => e.Number, e => e.LatencyNs));
            var whole = EventAggregation.GroupBy(cpu0.Concat(cpu1), e => e.Number, e => e.LatencyNs);
            Assert.Equal(whole.Groups.Select(g => (g.Key, g.Value.Count, g.Value.Stats.Sum, g.Value.Percentile(90))),
                merged.Groups.Select(g => (g.Key, g.Value.Count, g.Value.Stats.Sum, g.Value.Percentile(90))));
        }, iter: 200);
    }

    [Fact]
    public async Task Async_group_by_reads_the_whole_stream()
    {
        var aggregation = await EventAggregation.GroupByAsync(Stream(), e => e.Number, e => e.LatencyNs);
        Assert.Equal(3, aggregation[1].Count);
        Assert.Equal(20, aggregation[1].Stats.Average);
        Assert.Equal(100, aggregation[2].Stats.Max);

        static async IAsyncEnumerable<Syscall> Stream()
        {
            foreach (var e in new Syscall[] { new(1, 10), new(2, 100), new(1, 20), new(1, 30) })
            {
                await Task.Yield();
                yield return e;
            }
        }
    }

    [Fact]
    public void Top_across_streams_matches_sorting_the_concatenation()
    {
        Gen.Select(Gen.Int[-100, 100].Array[0, 50].Array[0, 5], Gen.Int[0, 20]).Sample((streams, n) =>
        {
            Assert.Equal(streams.SelectMany(s => s).OrderDescending().Take(n), EventAggregation.TopAcrossStreams(streams, n));
        }, iter: 300);
    }

    [Fact]
    public async Task Async_top_across_streams_matches_sorting()
    {
        int[][] streams = [[5, 1, 9], [], [7, 7, 3, 12], [8]];
        var top = await EventAggregation.TopAcrossStreamsAsync(streams.Select(ToAsync), 4);
        Assert.Equal([12, 9, 8, 7], top);

        static async IAsyncEnumerable<int> ToAsync(int[] values)
        {
            foreach (int v in values)
            {
                await Task.Yield();
                yield return v;
            }
        }
    }
}
