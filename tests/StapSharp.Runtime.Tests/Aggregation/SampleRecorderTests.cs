using CsCheck;
using StapSharp.Runtime.Aggregation;

namespace StapSharp.Runtime.Tests.Aggregation;

public class SampleRecorderTests
{
    private static readonly double[] Percents = [0, 0.01, 0.1, 1, 10, 25, 50, 75, 90, 99, 99.9, 99.99, 100];

    private enum Kind { Add, AddMany, Remove, RemoveMany, Query }

    // For removals, Value picks one of the samples held (when there are any), so most removals hit.
    private readonly record struct Op(Kind Kind, long Value, long Times);

    // Log-normal nanosecond latencies around 50 µs, as BenchmarkData makes them.
    private static readonly Gen<long> Latencies = Gen.Select(Gen.Double[1e-12, 1], Gen.Double[0, 1], (u, v) =>
        (long)Math.Exp(Math.Log(50_000) + 1.2 * Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v)));

    private static readonly Gen<long> Extremes = Gen.OneOf<long>(
        long.MinValue, long.MinValue + 1, -1, 0, 1, long.MaxValue - 1, long.MaxValue, int.MinValue, int.MaxValue);

    // A cell 2^20 values wide (values from 2^25): never dense, so many values there split it into blocks.
    private static readonly Gen<long> OneWideCell = Gen.Long[1L << 25, (1L << 25) + (1L << 20) - 1];

    // Narrow cells filled densely: sparse first, then dense.
    private static readonly Gen<long> Clustered = Gen.Long[90_000, 94_000];

    // A cell 2^14 values wide (values from 2^19): a few hundred values split it, a few hundred more turn it dense.
    private static readonly Gen<long> SplitThenDenseCell = Gen.Long[1L << 19, (1L << 19) + (1L << 14) - 1];

    // The low 2^17 values of that 2^20-wide cell: split blocks soon cover less than 2^16 and narrow their residuals.
    private static readonly Gen<long> WideCellLowEnd = Gen.Long[1L << 25, (1L << 25) + (1L << 17) - 1];

    private static readonly Gen<long> AnyValue = Gen.Frequency(
        (3, Gen.Long[-40, 40]), (3, Latencies), (2, Gen.Long), (1, Extremes), (2, OneWideCell), (2, Clustered),
        (2, SplitThenDenseCell), (1, Gen.Long[-94_000, -90_000]));

    private static Gen<Op> Ops(Gen<long> values) => Gen.Select(
        Gen.Frequency((12, Gen.Const(Kind.Add)), (2, Gen.Const(Kind.AddMany)), (4, Gen.Const(Kind.Remove)),
            (1, Gen.Const(Kind.RemoveMany)), (1, Gen.Const(Kind.Query))),
        values,
        Gen.Long[1, 40],
        (kind, value, times) => new Op(kind, value, times));

    private static void Apply(SampleRecorder recorder, List<long> model, Op op)
    {
        switch (op.Kind)
        {
            case Kind.Add:
                recorder.Add(op.Value);
                model.Add(op.Value);
                break;
            case Kind.AddMany:
                recorder.Add(op.Value, op.Times);
                for (long i = 0; i < op.Times; i++)
                {
                    model.Add(op.Value);
                }

                break;
            case Kind.Remove:
            case Kind.RemoveMany:
                long target = model.Count == 0 ? op.Value : model[(int)((ulong)op.Value % (ulong)model.Count)];
                long times = op.Kind == Kind.Remove ? 1 : op.Times;
                long expected = Math.Min(times, model.Count(v => v == target));
                for (long i = 0; i < expected; i++)
                {
                    model.Remove(target);
                }

                if (op.Kind == Kind.Remove)
                {
                    Assert.Equal(expected == 1, recorder.Remove(target));
                }
                else
                {
                    Assert.Equal(expected, recorder.Remove(target, times));
                }

                break;
            case Kind.Query:
                // Queries between records: each flushes what was recorded since the last one.
                AssertQueriesMatch(recorder, model.Order().ToArray(), [op.Value]);
                break;
        }
    }

    private static long NearestRank(long[] sorted, double percent) =>
        sorted[Math.Clamp((long)Math.Ceiling(percent / 100 * sorted.Length), 1, sorted.Length) - 1];

    private static long LowerBound(long[] sorted, long value)
    {
        int index = Array.BinarySearch(sorted, value);
        if (index < 0)
        {
            return ~index;
        }

        while (index > 0 && sorted[index - 1] == value)
        {
            index--;
        }

        return index;
    }

    private static long UpperBound(long[] sorted, long value) => value == long.MaxValue ? sorted.Length : LowerBound(sorted, value + 1);

    /// <summary>Count, percentiles and rank queries against the sorted array, plus the given probes and their neighbours.</summary>
    private static void AssertQueriesMatch(SampleRecorder recorder, long[] sorted, IEnumerable<long> probes)
    {
        Assert.Equal(sorted.Length, recorder.Count);
        if (sorted.Length == 0)
        {
            Assert.Throws<InvalidOperationException>(() => recorder.Percentile(50));
            Assert.Throws<InvalidOperationException>(() => recorder.Min);
        }
        else
        {
            Assert.Equal(sorted[0], recorder.Min);
            Assert.Equal(sorted[^1], recorder.Max);
            Assert.Equal(NearestRank(sorted, 50), recorder.Median);
            foreach (double percent in Percents)
            {
                Assert.Equal(NearestRank(sorted, percent), recorder.Percentile(percent));
            }
        }
        foreach (long probe in probes)
        {
            foreach (long value in (ReadOnlySpan<long>)[probe == long.MinValue ? probe : probe - 1, probe, probe == long.MaxValue ? probe : probe + 1])
            {
                long below = LowerBound(sorted, value);
                long atMost = UpperBound(sorted, value);
                Assert.Equal(below, recorder.CountLessThan(value));
                Assert.Equal(atMost, recorder.CountAtMost(value));
                Assert.Equal(atMost - below, recorder.CountOf(value));
                Assert.Equal(sorted.Length - below, recorder.CountInRange(value, long.MaxValue));
                Assert.Equal(atMost, recorder.CountInRange(long.MinValue, value));
            }
        }
    }

    /// <summary>Every query the recorder answers, against the sorted array.</summary>
    private static void AssertMatches(SampleRecorder recorder, List<long> model)
    {
        recorder.Validate();
        long[] sorted = model.Order().ToArray();
        var distinct = sorted.Distinct().ToArray();
        AssertQueriesMatch(recorder, sorted, distinct.Concat([long.MinValue, long.MaxValue, 0, -1]));
        Assert.Equal(distinct.Length, recorder.DistinctCount);
        int step = Math.Max(1, sorted.Length / 3_000);
        for (int i = 0; i < sorted.Length; i += step)
        {
            Assert.Equal(sorted[i], recorder.ElementAt(i));
        }

        if (sorted.Length > 0)
        {
            Assert.Equal(sorted[^1], recorder.ElementAt(sorted.Length - 1));
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => recorder.ElementAt(sorted.Length));
        Assert.Throws<ArgumentOutOfRangeException>(() => recorder.ElementAt(-1));
        var counts = sorted.GroupBy(v => v).Select(g => (g.Key, (long)g.Count())).ToArray();
        Assert.Equal(counts, recorder.Counts());
        Assert.Equal(counts.Reverse(), recorder.Counts(descending: true));
        Assert.Equal(sorted, recorder.ToArray());
        if (distinct.Length > 1)
        {
            // Ranges between held values, inclusive at both ends.
            for (int i = 0; i + 1 < distinct.Length; i += Math.Max(1, distinct.Length / 50))
            {
                long low = distinct[i], high = distinct[Math.Min(distinct.Length - 1, i + 1 + i % 7)];
                Assert.Equal(UpperBound(sorted, high) - LowerBound(sorted, low), recorder.CountInRange(low, high));
                Assert.Equal(0, recorder.CountInRange(high, low));
            }
        }
    }

    private static void Run(Gen<long> values, int minOps, int maxOps, int iterations) =>
        Ops(values).Array[minOps, maxOps].Sample(ops =>
        {
            var recorder = new SampleRecorder();
            var model = new List<long>();
            foreach (Op op in ops)
            {
                Apply(recorder, model, op);
            }

            AssertMatches(recorder, model);
        }, iter: iterations);

    [Fact]
    public void Random_records_removals_and_queries_match_a_sorted_array()
    {
        Run(AnyValue, 0, 400, 300);
    }

    [Fact]
    public void Many_distinct_values_in_one_wide_cell_split_it_and_still_match()
    {
        Run(Gen.Frequency((4, OneWideCell), (1, Gen.Long[(1L << 25) - 5, (1L << 25) + 5])), 1_500, 4_000, 25);
    }

    [Fact]
    public void Cells_that_turn_dense_while_recorded_match()
    {
        Run(Gen.Frequency((6, Clustered), (1, Latencies)), 2_000, 6_000, 25);
    }

    [Fact]
    public void Cells_that_split_then_turn_dense_while_recorded_match()
    {
        Run(Gen.Frequency((8, SplitThenDenseCell), (1, OneWideCell)), 1_000, 3_000, 30);
    }

    [Fact]
    public void Split_blocks_that_cover_less_narrow_their_residuals_and_match()
    {
        Run(Gen.Frequency((6, WideCellLowEnd), (1, OneWideCell)), 1_500, 4_000, 25);
    }

    [Fact]
    public void Latency_streams_match()
    {
        Run(Latencies, 3_000, 8_000, 20);
    }

    [Fact]
    public void Removing_every_sample_of_a_split_cell_in_any_order_leaves_it_consistent()
    {
        Gen.Select(OneWideCell.Array[1_200, 2_500], Gen.Int).Sample((values, seed) =>
        {
            var recorder = new SampleRecorder();
            var model = new List<long>(values);
            foreach (long value in values)
            {
                recorder.Add(value);
            }

            var order = values.ToArray();
            new Random(seed).Shuffle(order);
            for (int i = 0; i < order.Length; i++)
            {
                Assert.True(recorder.Remove(order[i]));
                model.Remove(order[i]);
                if (i % 97 == 0)
                {
                    AssertMatches(recorder, model);
                }
            }
            AssertMatches(recorder, model);
            // The emptied cell takes samples again.
            foreach (long value in values.Take(700))
            {
                recorder.Add(value);
            }

            AssertMatches(recorder, values.Take(700).ToList());
        }, iter: 10);
    }

    public static TheoryData<string> Adversarial => ["all equal", "ascending", "descending", "extremes", "alternating extremes", "powers of two", "negative latencies", "zig-zag"];

    private static long[] AdversarialInput(string name) => name switch
    {
        "all equal" => Enumerable.Repeat(123_456L, 50_000).ToArray(),
        "ascending" => Enumerable.Range(0, 30_000).Select(i => 1_000L + 3 * i).ToArray(),
        "descending" => Enumerable.Range(0, 30_000).Select(i => 1_000_000L - 7 * i).ToArray(),
        "extremes" => Enumerable.Range(0, 3_000).SelectMany(i => new[] { long.MinValue + i, long.MaxValue - i, long.MinValue, long.MaxValue }).ToArray(),
        "alternating extremes" => Enumerable.Range(0, 20_000).Select(i => i % 2 == 0 ? long.MinValue : long.MaxValue).ToArray(),
        "powers of two" => Enumerable.Range(0, 64).SelectMany(bit => new[] { 1L << bit, (1L << bit) - 1, -(1L << bit), unchecked((1L << bit) + 1) }).ToArray(),
        "negative latencies" => Enumerable.Range(0, 20_000).Select(i => -(40_000L + (i * 7919L % 30_000))).ToArray(),
        "zig-zag" => Enumerable.Range(0, 20_000).Select(i => (i % 2 == 0 ? 1L : -1L) * (i * 104_729L % 5_000_000)).ToArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Adversarial))]
    public void Adversarial_inputs_match_a_sorted_array(string name)
    {
        long[] input = AdversarialInput(name);
        var recorder = new SampleRecorder();
        var model = new List<long>();
        for (int i = 0; i < input.Length; i++)
        {
            recorder.Add(input[i]);
            model.Add(input[i]);
            // Queries interleaved at growing intervals, and on every one of the first records.
            if (i < 40 || (i & (i - 1)) == 0)
            {
                AssertQueriesMatch(recorder, model.Order().ToArray(), [input[i]]);
            }
        }
        AssertMatches(recorder, model);
    }

    [Fact]
    public void Counts_widen_past_4_8_and_16_bits_in_dense_and_sparse_cells()
    {
        // 3 is in a dense single-value cell, 50_000 in a dense cell once its neighbours fill it, 1L << 40 stays sparse.
        var recorder = new SampleRecorder();
        var model = new List<long>();
        for (long v = 49_000; v < 51_000; v++)
        {
            recorder.Add(v);
            model.Add(v);
        }
        foreach (long value in (ReadOnlySpan<long>)[3, 50_000, 1L << 40])
        {
            for (int i = 0; i < 70_000; i++)
            {
                recorder.Add(value);
            }

            model.AddRange(Enumerable.Repeat(value, 70_000));
            Assert.Equal(model.Count(v => v == value), recorder.CountOf(value));
        }
        AssertMatches(recorder, model);
        recorder.Add(7, 1L << 40);
        recorder.Add(1L << 41, 1L << 42);
        Assert.Equal(1L << 40, recorder.CountOf(7));
        Assert.Equal(1L << 42, recorder.CountOf(1L << 41));
        Assert.Equal(model.Count + (1L << 40) + (1L << 42), recorder.Count);
        Assert.Equal(7, recorder.Percentile(10));
        Assert.Equal(1L << 41, recorder.Max);
        Assert.Equal(1L << 41, recorder.Percentile(90));
        recorder.Validate();
    }

    [Fact]
    public void Gives_the_same_answers_as_OrderedBag()
    {
        Gen.Select(AnyValue, Gen.Long[1, 3]).Array[1, 2_000].Sample(samples =>
        {
            var recorder = new SampleRecorder();
            var bag = new OrderedBag<long>();
            foreach (var (value, times) in samples)
            {
                recorder.Add(value, times);
                bag.Add(value, times);
            }
            Assert.Equal(bag.Count, recorder.Count);
            Assert.Equal(bag.DistinctCount, recorder.DistinctCount);
            foreach (double percent in Percents)
            {
                Assert.Equal(bag.Percentile(percent), recorder.Percentile(percent));
            }

            Assert.Equal(bag.Counts(), recorder.Counts());
            foreach (var (value, _) in samples)
            {
                Assert.Equal(bag.CountLessThan(value), recorder.CountLessThan(value));
            }
        }, iter: 100);
    }

    [Fact]
    public void Merging_recorders_adds_their_samples()
    {
        Gen.Select(AnyValue.Array[0, 500], AnyValue.Array[0, 500]).Sample((left, right) =>
        {
            var merged = new SampleRecorder();
            var other = new SampleRecorder();
            foreach (long value in left)
            {
                merged.Add(value);
            }

            foreach (long value in right)
            {
                other.Add(value);
            }

            merged.AddRange(other);
            AssertMatches(merged, [.. left, .. right]);
            AssertMatches(other, [.. right]);
        }, iter: 100);
    }

    [Fact]
    public void Clear_empties_and_the_recorder_is_usable_again()
    {
        var recorder = new SampleRecorder();
        for (long v = 0; v < 10_000; v++)
        {
            recorder.Add(v * 37 % 5_000 + 1_000_000);
        }

        recorder.Clear();
        AssertMatches(recorder, []);
        recorder.Add(5);
        AssertMatches(recorder, [5]);
    }

    [Fact]
    public void Enumeration_fails_fast_when_samples_arrive()
    {
        var recorder = new SampleRecorder();
        for (long v = 1; v <= 100; v++)
        {
            recorder.Add(v);
        }

        Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var (value, _) in recorder.Counts())
            {
                recorder.Add(value);
            }
        });
        Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var (value, _) in recorder.Counts())
            {
                recorder.Remove(value);
            }
        });
    }

    [Fact]
    public void Rejects_bad_arguments()
    {
        var recorder = new SampleRecorder();
        Assert.Throws<ArgumentOutOfRangeException>(() => recorder.Add(1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => recorder.Add(1, -3));
        Assert.Throws<ArgumentOutOfRangeException>(() => recorder.Remove(1, 0));
        Assert.Equal(0, recorder.Remove(1, 5));
        Assert.False(recorder.Remove(1));
        recorder.Add(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => recorder.Percentile(100.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => recorder.Percentile(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => recorder.Percentile(double.NaN));
    }
}
