using BenchmarkDotNet.Attributes;
using StapSharp.Runtime.Aggregation;

namespace StapSharp.Benchmarks.Aggregation;

/// <summary>Builds a map of N random keys, then looks every key up.</summary>
[MemoryDiagnoser]
public class RedBlackTreeInsertLookupBenchmarks
{
    private long[] _keys = [];

    [Params(10_000, 100_000, 1_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup() => _keys = BenchmarkData.RandomKeys(N, seed: 1);

    [Benchmark(Baseline = true)]
    public long SortedDictionary()
    {
        var map = new SortedDictionary<long, long>();
        foreach (long key in _keys)
        {
            map[key] = key;
        }

        long sum = 0;
        foreach (long key in _keys)
        {
            if (map.TryGetValue(key, out long value))
            {
                sum += value;
            }
        }
        return sum;
    }

    [Benchmark]
    public long RedBlackTree()
    {
        var map = new RedBlackTree<long, long>();
        foreach (long key in _keys)
        {
            map[key] = key;
        }

        long sum = 0;
        foreach (long key in _keys)
        {
            if (map.TryGetValue(key, out long value))
            {
                sum += value;
            }
        }
        return sum;
    }
}

/// <summary>
/// 100 range queries, each covering about 100 consecutive keys. SortedDictionary has no range
/// operation, so its baseline walks in order from the smallest key and stops past the range.
/// </summary>
public class RedBlackTreeRangeBenchmarks
{
    private SortedDictionary<long, long> _sortedDictionary = new();
    private RedBlackTree<long, long> _tree = new();
    private (long Low, long High)[] _ranges = [];

    [Params(10_000, 100_000, 1_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        long[] keys = BenchmarkData.RandomKeys(N, seed: 2);
        foreach (long key in keys)
        {
            _sortedDictionary[key] = key;
            _tree[key] = key;
        }
        long[] sorted = keys.Order().ToArray();
        var random = new Random(3);
        _ranges = Enumerable.Range(0, 100).Select(_ =>
        {
            int start = random.Next(sorted.Length - 100);
            return (sorted[start], sorted[start + 99]);
        }).ToArray();
    }

    [Benchmark(Baseline = true)]
    public long SortedDictionaryScan()
    {
        long sum = 0;
        foreach (var (low, high) in _ranges)
        {
            foreach (var entry in _sortedDictionary)
            {
                if (entry.Key > high)
                {
                    break;
                }

                if (entry.Key >= low)
                {
                    sum += entry.Value;
                }
            }
        }
        return sum;
    }

    [Benchmark]
    public long RedBlackTreeRange()
    {
        long sum = 0;
        foreach (var (low, high) in _ranges)
        {
            foreach (var entry in _tree.Range(low, high))
            {
                sum += entry.Value;
            }
        }
        return sum;
    }
}

/// <summary>p50, p90, p99 and p99.9 of N latency samples: order-statistics select versus sorting a copy.</summary>
public class PercentileBenchmarks
{
    private static readonly double[] Percents = [50, 90, 99, 99.9];
    private long[] _samples = [];
    private OrderedBag<long> _bag = new();

    [Params(10_000, 100_000, 1_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _samples = BenchmarkData.LatenciesNanoseconds(N, seed: 4);
        _bag = new OrderedBag<long>();
        foreach (long sample in _samples)
        {
            _bag.Add(sample);
        }
    }

    [Benchmark(Baseline = true)]
    public long SortThenIndex()
    {
        long[] sorted = (long[])_samples.Clone();
        Array.Sort(sorted);
        long total = 0;
        foreach (double p in Percents)
        {
            long rank = Math.Clamp((long)Math.Ceiling(p / 100 * sorted.Length), 1, sorted.Length);
            total += sorted[rank - 1];
        }
        return total;
    }

    [Benchmark]
    public long OrderStatistics()
    {
        long total = 0;
        foreach (double p in Percents)
        {
            total += _bag.Percentile(p);
        }

        return total;
    }
}
