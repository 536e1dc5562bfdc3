using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using StapSharp.Protocol;
using StapSharp.Runtime.Events;
using StapSharp.Runtime.Fleet;
using StapSharp.Runtime.Sessions;

namespace StapSharp.Benchmarks.Fleet;

/// <summary>
/// The same <see cref="Events"/> decoded events read from one host without a merge (the baseline) and split over
/// <see cref="Hosts"/> simulated hosts whose timestamps interleave, each with its own clock offset, through
/// <see cref="FleetMerge"/> (exact order: no lateness). Events per second is <see cref="Events"/> over the mean.
/// </summary>
[MemoryDiagnoser]
[ThreadingDiagnoser]
public class FleetMergeBenchmarks
{
    private const int Events = 300_000;
    private static readonly WireType Tick = new(0, "Bench.Tick", "0000000000000000", [new WireField("n", WireFieldKind.Int64, "i64")]);
    private RunItem[] _oneHost = [];
    private RunItem[][] _perHost = [];

    [Params(3, 10, 100)]
    public int Hosts { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        var record = new object();
        _oneHost = [.. Enumerable.Range(0, Events).Select(i => RunItem.ForEvent(record, Tick, i * 100L, 0, 0))];
        // Host h sends every Hosts-th event; its clock runs h µs behind, which its offset puts right.
        _perHost = [.. Enumerable.Range(0, Hosts).Select(h => Enumerable.Range(0, Events / Hosts)
            .Select(i => RunItem.ForEvent(record, Tick, (i * Hosts + h) * 100L + random.Next(100) - h * 1_000L, 0, 0)).ToArray())];
    }

    [Benchmark(Baseline = true)]
    public async Task<long> OneHostNoMerge()
    {
        long sum = 0;
        await foreach (var item in Source(_oneHost))
        {
            sum += item.TimestampNs;
        }

        return sum;
    }

    [Benchmark]
    public async Task<long> Merged()
    {
        var fleet = new FleetMerge(_perHost.Select((items, h) => new FleetHost($"h{h}", h * 1_000L, Source(items))));
        long sum = 0;
        await foreach (var item in fleet.ReadAllAsync())
        {
            sum += item.TimestampNs;
        }

        return sum;
    }

    /// <summary>A host's decoded items, as its session hands them out: asynchronously, already decoded.</summary>
    private static async IAsyncEnumerable<RunItem> Source(RunItem[] items, [EnumeratorCancellation] CancellationToken cancel = default)
    {
        foreach (var item in items)
        {
            cancel.ThrowIfCancellationRequested();
            yield return item;
        }

        await Task.CompletedTask;
    }
}
