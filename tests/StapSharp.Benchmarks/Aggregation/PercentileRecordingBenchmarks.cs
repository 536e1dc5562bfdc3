using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using HdrHistogram;
using StapSharp.Runtime.Aggregation;

namespace StapSharp.Benchmarks.Aggregation;

/// <summary>
/// Records 1M latencies one at a time into a fresh structure, then reads p50, p90, p99 and p99.9:
/// HdrHistogram (approximate, 3 significant digits up to one hour in ns), the exact structures
/// <see cref="OrderedBag{T}"/> and <see cref="SampleRecorder"/>, and a List that is sorted and
/// indexed. The Retained columns are what the structure keeps alive once built (measured in the
/// host with full collections), unlike Allocated, which counts garbage too.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(RetainedColumns))]
public class PercentileRecordingBenchmarks
{
    private const int Samples = 1_000_000;
    private static readonly double[] Percents = [50, 90, 99, 99.9];
    private static readonly long OneHourNanoseconds = (long)TimeSpan.FromHours(1).TotalNanoseconds;
    private long[] _samples = [];

    /// <summary>
    /// LogNormal: nanosecond latencies around 50 µs with a long tail (σ = 1.2 in log space), as
    /// syscall latencies are; 280,191 distinct values. AllDistinct, the worst case: every sample a
    /// different value, uniform over HdrHistogram's whole range, so no value repeats and no stretch
    /// of values is dense.
    /// </summary>
    [Params("LogNormal", "AllDistinct")]
    public string Data { get; set; } = "";

    [GlobalSetup]
    public void Setup() => _samples = Generate(Data);

    private static long[] Generate(string data) => data switch
    {
        "LogNormal" => BenchmarkData.LatenciesNanoseconds(Samples, seed: 4),
        "AllDistinct" => BenchmarkData.DistinctUniform(Samples, OneHourNanoseconds, seed: 6),
        _ => throw new ArgumentOutOfRangeException(nameof(data)),
    };

    [Benchmark(Baseline = true)]
    public long HdrHistogram() => Read(RecordHdrHistogram(_samples));

    [Benchmark]
    public long OrderedBag() => Read(RecordOrderedBag(_samples));

    [Benchmark]
    public long SampleRecorder() => Read(RecordSampleRecorder(_samples));

    [Benchmark]
    public long ListSort() => Read(RecordList(_samples));

    private static LongHistogram RecordHdrHistogram(long[] samples)
    {
        var histogram = new LongHistogram(OneHourNanoseconds, 3);
        foreach (long sample in samples)
        {
            histogram.RecordValue(sample);
        }

        return histogram;
    }

    private static OrderedBag<long> RecordOrderedBag(long[] samples)
    {
        var bag = new OrderedBag<long>();
        foreach (long sample in samples)
        {
            bag.Add(sample);
        }

        return bag;
    }

    private static SampleRecorder RecordSampleRecorder(long[] samples)
    {
        var recorder = new SampleRecorder();
        foreach (long sample in samples)
        {
            recorder.Add(sample);
        }

        return recorder;
    }

    private static List<long> RecordList(long[] samples)
    {
        var list = new List<long>();
        foreach (long sample in samples)
        {
            list.Add(sample);
        }

        list.Sort();
        return list;
    }

    private static long Read(LongHistogram histogram) => Percents.Sum(histogram.GetValueAtPercentile);

    private static long Read(OrderedBag<long> bag) => Percents.Sum(bag.Percentile);

    private static long Read(SampleRecorder recorder) => Percents.Sum(recorder.Percentile);

    private static long Read(List<long> sorted) =>
        Percents.Sum(p => sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count), 1, sorted.Count) - 1]);

    private static object Record(string method, long[] samples) => method switch
    {
        nameof(HdrHistogram) => RecordHdrHistogram(samples),
        nameof(OrderedBag) => RecordOrderedBag(samples),
        nameof(SampleRecorder) => RecordSampleRecorder(samples),
        nameof(ListSort) => RecordList(samples),
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };

    private static readonly ConcurrentDictionary<(string Method, string Data), long> RetainedBytes = new();

    /// <summary>Bytes a benchmark's structure keeps alive after recording (and reading) the data set.</summary>
    private static long Retained(string method, string data) => RetainedBytes.GetOrAdd((method, data), key =>
    {
        long[] samples = Generate(key.Data);
        long before = GC.GetTotalMemory(forceFullCollection: true);
        object built = Record(key.Method, samples);
        // Reading flushes anything a structure keeps pending.
        if (built is SampleRecorder recorder)
        {
            Read(recorder);
        }

        long after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(built);
        return after - before;
    });

    private sealed class RetainedColumns : ManualConfig
    {
        public RetainedColumns() => AddColumn(new RetainedColumn(ratio: false), new RetainedColumn(ratio: true));
    }

    private sealed class RetainedColumn(bool ratio) : IColumn
    {
        public string Id => ColumnName;
        public string ColumnName => ratio ? "Retained Ratio" : "Retained";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => ratio ? 1 : 0;
        public bool IsNumeric => true;
        public UnitType UnitType => ratio ? UnitType.Dimensionless : UnitType.Size;
        public string Legend => ratio
            ? "Retained bytes over the baseline's"
            : "Bytes the structure keeps alive once built: GC.GetTotalMemory after minus before, full collections";

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            string method = benchmarkCase.Descriptor.WorkloadMethod.Name;
            string data = (string)benchmarkCase.Parameters[nameof(Data)];
            long bytes = Retained(method, data);
            return ratio
                ? (bytes / (double)Retained(nameof(HdrHistogram), data)).ToString("0.00")
                : $"{bytes / 1024.0:N2} KB";
        }
    }
}
