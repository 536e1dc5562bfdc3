using BenchmarkDotNet.Attributes;
using StapSharp.Runtime.Aggregation;

namespace StapSharp.Benchmarks.Aggregation;

/// <summary>Point count and dimension for the k-d benchmarks; a small grid keeps the run short.</summary>
public readonly record struct KdShape(int N, int Dimensions)
{
    public override string ToString() => $"{N}x{Dimensions}D";
}

/// <summary>Shared setup: the same uniform points in a k-d tree and in a flat array for the scans.</summary>
public abstract class KdTreeBenchmarkBase
{
    protected const int Queries = 16;
    protected double[] Coordinates = [];
    protected double[][] QueryPoints = [];
    protected KdTree<int> Tree = null!;

    public static IEnumerable<KdShape> Shapes =>
        [new(10_000, 3), new(100_000, 3), new(1_000_000, 2), new(1_000_000, 3), new(1_000_000, 4)];

    [ParamsSource(nameof(Shapes))]
    public KdShape Shape { get; set; }

    protected int Dimensions => Shape.Dimensions;

    [GlobalSetup]
    public void Setup()
    {
        Coordinates = BenchmarkData.UniformPoints(Shape.N, Dimensions, seed: 6);
        int k = Dimensions;
        Tree = KdTree<int>.Build(k, Enumerable.Range(0, Shape.N), (i, destination) => Coordinates.AsSpan(i * k, k).CopyTo(destination));
        var random = new Random(7);
        QueryPoints = Enumerable.Range(0, Queries).Select(_ => Enumerable.Range(0, k).Select(_ => random.NextDouble()).ToArray()).ToArray();
    }
}

/// <summary>Ten nearest neighbours of 16 query points: k-d search versus a linear scan with a bounded heap.</summary>
public class KdTreeNearestBenchmarks : KdTreeBenchmarkBase
{
    private const int Neighbours = 10;

    [Benchmark(Baseline = true)]
    public double LinearScan()
    {
        double total = 0;
        int k = Dimensions;
        var best = new PriorityQueue<int, double>(Neighbours + 1, Comparer<double>.Create((a, b) => b.CompareTo(a)));
        foreach (double[] query in QueryPoints)
        {
            best.Clear();
            for (int i = 0; i < Shape.N; i++)
            {
                double distance = 0;
                for (int d = 0; d < k; d++)
                {
                    double delta = Coordinates[i * k + d] - query[d];
                    distance += delta * delta;
                }
                if (best.Count < Neighbours)
                {
                    best.Enqueue(i, distance);
                }
                else if (best.TryPeek(out _, out double worst) && distance < worst)
                {
                    best.EnqueueDequeue(i, distance);
                }
            }
            best.TryPeek(out _, out double farthest);
            total += farthest;
        }
        return total;
    }

    [Benchmark]
    public double KdTree()
    {
        double total = 0;
        foreach (double[] query in QueryPoints)
        {
            total += Tree.Nearest(query, Neighbours)[^1].Distance;
        }

        return total;
    }
}

/// <summary>Box queries selecting about 0.1% of the points: k-d search versus a linear scan.</summary>
public class KdTreeBoxBenchmarks : KdTreeBenchmarkBase
{
    private (double[] Min, double[] Max)[] Boxes =>
        _boxes ??= QueryPoints.Select(q =>
        {
            double side = Math.Pow(0.001, 1.0 / Dimensions);
            return (q.Select(c => Math.Min(c, 1 - side)).ToArray(), q.Select(c => Math.Min(c, 1 - side) + side).ToArray());
        }).ToArray();

    private (double[] Min, double[] Max)[]? _boxes;

    [Benchmark(Baseline = true)]
    public int LinearScan()
    {
        int found = 0;
        int k = Dimensions;
        foreach (var (min, max) in Boxes)
        {
            for (int i = 0; i < Shape.N; i++)
            {
                bool inside = true;
                for (int d = 0; d < k && inside; d++)
                {
                    double c = Coordinates[i * k + d];
                    inside = c >= min[d] && c <= max[d];
                }
                if (inside)
                {
                    found++;
                }
            }
        }
        return found;
    }

    [Benchmark]
    public int KdTree()
    {
        int found = 0;
        foreach (var (min, max) in Boxes)
        {
            found += Tree.InBox(min, max).Count;
        }

        return found;
    }
}
