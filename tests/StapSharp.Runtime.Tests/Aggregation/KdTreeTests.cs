using CsCheck;
using StapSharp.Runtime.Aggregation;

namespace StapSharp.Runtime.Tests.Aggregation;

public class KdTreeTests
{
    // Coarse integer-valued coordinates produce many ties on split values.
    private static Gen<double[]> PointGen(int k) => Gen.Int[-8, 8].Select(i => (double)i).Array[k];

    private static readonly Gen<(int K, double[][] Points)> PointsGen =
        Gen.Int[1, 4].SelectMany(k => PointGen(k).Array[0, 120].Select(points => (k, points)));

    private static bool InBox(double[] p, double[] min, double[] max) => p.Select((c, d) => c >= min[d] && c <= max[d]).All(x => x);

    private static void AssertNearestMatchesScan(KdTree<int> tree, List<(double[] Point, int Id)> live, double[] query, int count, IDistanceMetric metric)
    {
        var expected = live.Select(e => metric.FromReduced(metric.ReducedDistance(e.Point, query))).Order().Take(count).ToArray();
        var actual = tree.Nearest(query, count);
        Assert.Equal(expected.Length, actual.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i].Distance, 9);
        }
        // Every returned item really is at the distance reported.
        foreach (var neighbour in actual)
        {
            var point = live.First(e => e.Id == neighbour.Item).Point;
            Assert.Equal(metric.FromReduced(metric.ReducedDistance(point, query)), neighbour.Distance, 9);
        }
    }

    [Fact]
    public void Bulk_build_box_and_nearest_match_a_linear_scan()
    {
        Gen.Select(PointsGen, Gen.Int[0, 12], Gen.Int[0, 3]).Sample((input, count, metricIndex) =>
        {
            var (k, points) = input;
            IDistanceMetric metric = metricIndex switch
            {
                0 => EuclideanMetric.Instance,
                1 => ManhattanMetric.Instance,
                2 => ChebyshevMetric.Instance,
                _ => new WeightedEuclideanMetric(Enumerable.Range(1, k).Select(i => (double)i).ToArray()),
            };
            var entries = points.Select((p, id) => (p, id)).ToList();
            var tree = KdTree<int>.Build(k, entries, metric);
            tree.Validate();
            Assert.Equal(points.Length, tree.Count);

            var min = Enumerable.Range(0, k).Select(d => (double)(d % 3 - 3)).ToArray();
            var max = Enumerable.Range(0, k).Select(d => (double)(d % 2 + 2)).ToArray();
            Assert.Equal(entries.Where(e => InBox(e.p, min, max)).Select(e => e.id).Order(), tree.InBox(min, max).Order());
            AssertNearestMatchesScan(tree, entries, new double[k], count, metric);
        }, iter: 400);
    }

    private enum Step { Add, Remove }

    [Fact]
    public void Inserts_and_deletes_keep_invariants_and_match_a_linear_scan()
    {
        var stepGen = Gen.Select(Gen.Frequency((3, Gen.Const(Step.Add)), (2, Gen.Const(Step.Remove))), PointGen(3), Gen.Int[0, 1_000_000]);
        Gen.Select(PointGen(3).Array[0, 40], stepGen.Array[0, 120]).Sample((initial, steps) =>
        {
            var live = initial.Select((p, id) => (p, id)).ToList();
            var tree = KdTree<int>.Build(3, live);
            int nextId = live.Count;
            foreach (var (step, point, pick) in steps)
            {
                if (step == Step.Add || live.Count == 0)
                {
                    tree.Add(point, nextId);
                    live.Add((point, nextId++));
                }
                else
                {
                    var victim = live[pick % live.Count];
                    Assert.True(tree.Remove(victim.p, victim.id));
                    live.Remove(victim);
                    Assert.False(tree.Remove(victim.p, victim.id));
                }
                tree.Validate();
                Assert.Equal(live.Count, tree.Count);
            }
            Assert.Equal(live.Select(e => e.id).Order(), tree.Entries().Select(e => e.Item).Order());
            AssertNearestMatchesScan(tree, live, [0.5, -0.5, 1], 5, EuclideanMetric.Instance);
            double[] min = [-4, -8, 0], max = [4, 3, 8];
            Assert.Equal(live.Where(e => InBox(e.p, min, max)).Select(e => e.id).Order(), tree.InBox(min, max).Order());
        }, iter: 300);
    }

    public static TheoryData<string> AdversarialOrders => new() { "sorted", "reversed", "all-equal" };

    [Theory]
    [MemberData(nameof(AdversarialOrders))]
    public void Adversarial_insertion_orders_stay_shallow(string order)
    {
        var tree = new KdTree<int>(2);
        const int n = 2000;
        for (int i = 0; i < n; i++)
        {
            double x = order switch { "sorted" => i, "reversed" => n - i, _ => 1 };
            tree.Add([x, x / 2], i);
        }
        tree.Validate();
        var nearest = tree.Nearest([order == "reversed" ? n : 0, 0], 3);
        Assert.Equal(3, nearest.Count);
        if (order == "all-equal")
        {
            Assert.Equal(n, tree.InBox([1, 0.5], [1, 0.5]).Count);
        }

        for (int i = 0; i < n; i += 2)
        {
            double x = order switch { "sorted" => i, "reversed" => n - i, _ => 1 };
            Assert.True(tree.Remove([x, x / 2], i));
        }
        tree.Validate();
        Assert.Equal(n / 2, tree.Count);
    }

    [Fact]
    public void Rejects_points_of_the_wrong_dimension_or_NaN()
    {
        var tree = new KdTree<string>(2);
        Assert.Throws<ArgumentException>(() => tree.Add([1.0], "a"));
        Assert.Throws<ArgumentException>(() => tree.Add([1.0, double.NaN], "a"));
        Assert.Throws<ArgumentException>(() => tree.Nearest([1.0, 2, 3], 1));
    }
}
