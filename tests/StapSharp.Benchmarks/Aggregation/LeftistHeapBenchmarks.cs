using BenchmarkDotNet.Attributes;
using StapSharp.Runtime.Aggregation;

namespace StapSharp.Benchmarks.Aggregation;

/// <summary>
/// Combines 16 per-stream heaps holding N items in total into one heap: a leftist merge (O(k log n),
/// the inputs stay usable) versus re-inserting every item into one PriorityQueue.
/// </summary>
public class LeftistHeapMergeBenchmarks
{
    private const int Streams = 16;
    private LeftistHeap<long>[] _heaps = [];
    private PriorityQueue<long, long>[] _queues = [];

    [Params(10_000, 100_000, 1_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        long[] values = BenchmarkData.RandomKeys(N, seed: 5);
        _heaps = new LeftistHeap<long>[Streams];
        _queues = new PriorityQueue<long, long>[Streams];
        for (int s = 0; s < Streams; s++)
        {
            var part = values.Where((_, i) => i % Streams == s).ToArray();
            _heaps[s] = new LeftistHeap<long>(part);
            _queues[s] = new PriorityQueue<long, long>(part.Select(v => (v, v)));
        }
    }

    [Benchmark(Baseline = true)]
    public long PriorityQueueReinsert()
    {
        var combined = new PriorityQueue<long, long>();
        foreach (var queue in _queues)
        {
            combined.EnqueueRange(queue.UnorderedItems);
        }

        return combined.Peek() + combined.Count;
    }

    [Benchmark]
    public long LeftistMerge()
    {
        var combined = _heaps[0].Clone();
        for (int s = 1; s < Streams; s++)
        {
            combined.Merge(_heaps[s]);
        }

        return combined.Peek() + combined.Count;
    }
}
