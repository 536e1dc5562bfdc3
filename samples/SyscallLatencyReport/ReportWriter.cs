using System.Globalization;
using Spectre.Console;
using StapSharp.Runtime.Aggregation;
using StapSharp.Runtime.Rendering;

namespace SyscallLatencyReport;

/// <summary>Prints the collected latencies: percentiles per group, the overall histogram, the top table.</summary>
internal sealed class ReportWriter(IAnsiConsole console)
{
    private const int PercentileGroupsShown = 15;
    private const int TopGroups = 10;

    public void Write(LatencyCollector collector, TimeSpan runTime)
    {
        console.WriteLine($"system calls: {ValueFormat.Integer(collector.All.Count)} in {runTime.TotalSeconds:0.0} s, " +
                          $"{ValueFormat.Integer(collector.Groups.Count)} (execname, syscall) groups, malformed lines: {collector.MalformedLines}");
        foreach (var example in collector.MalformedExamples)
        {
            console.WriteLine($"  malformed: {example}");
        }

        if (collector.All.Count == 0)
        {
            return;
        }

        console.WriteLine();
        WritePercentiles(collector.Groups);
        console.WriteLine();
        console.Write(HistogramRenderer.Render(collector.All, "all system calls", Nanoseconds));
        console.WriteLine();
        WriteTopTable(collector);
    }

    private void WritePercentiles(GroupedAggregation<SyscallKey> groups)
    {
        var busiest = groups.Top(PercentileGroupsShown, aggregate => aggregate.Count);
        console.WriteLine($"Latency per (execname, syscall), the {busiest.Count} most frequent:");
        var keyWidth = busiest.Max(group => group.Key.ToString().Length);
        foreach (var (key, aggregate) in busiest)
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {key.ToString().PadRight(keyWidth)}  count {aggregate.Count,7}  mean {Nanoseconds((long)aggregate.Stats.ExactMean),8}" +
                $"  p50 {Nanoseconds(aggregate.Percentile(50)),8}  p99 {Nanoseconds(aggregate.Percentile(99)),8}  p99.9 {Nanoseconds(aggregate.Percentile(99.9)),8}"));
        }
    }

    private void WriteTopTable(LatencyCollector collector)
    {
        var top = collector.TopByTotalTime(TopGroups);
        var rows = top.Select(total => KeyValuePair.Create(total.Key, collector.Groups[total.Key]));
        var table = TopTableRenderer.Render(rows, "execname syscall", Nanoseconds, collector.All.Count);
        table.Title($"Top {top.Count} by total time in the call");
        table.Caption("totals: " + string.Join(", ", top.Take(3).Select(total => $"{total.Key} {Nanoseconds(total.TotalNanoseconds)}")) + (top.Count > 3 ? ", ..." : ""));
        console.Write(table);
    }

    private static string Nanoseconds(long value) => ValueFormat.Nanoseconds(value);
}
