using StapSharp.Runtime.Aggregation;

namespace SyscallLatencyReport;

/// <summary>A (program, syscall) group with its total time in the call, ordered by that total.</summary>
internal readonly record struct GroupTotal(SyscallKey Key, long TotalNanoseconds) : IComparable<GroupTotal>
{
    public int CompareTo(GroupTotal other)
    {
        var byTotal = TotalNanoseconds.CompareTo(other.TotalNanoseconds);
        return byTotal != 0 ? byTotal : other.Key.CompareTo(Key); // equal totals: alphabetical first ranks higher
    }
}

/// <summary>
/// Everything the report needs from the decoded lines: per (program, syscall) statistics with exact
/// percentiles (a red-black tree of groups, each keeping an order-statistics bag of its latencies),
/// all latencies together, and the lines that did not decode.
/// </summary>
internal sealed class LatencyCollector
{
    private const int MalformedExamplesKept = 5;
    private readonly List<string> _malformedExamples = [];

    /// <summary>Per (program, syscall): count, sum, mean, log2 histogram and the latencies for percentiles.</summary>
    public GroupedAggregation<SyscallKey> Groups { get; } = new();

    /// <summary>Every latency, for the overall histogram and plot.</summary>
    public StatAggregate All { get; } = new();

    /// <summary>Lines that were not SyscallLatency samples.</summary>
    public long MalformedLines { get; private set; }

    /// <summary>The first few malformed lines with the reason, to show the user.</summary>
    public IReadOnlyList<string> MalformedExamples => _malformedExamples;

    public void AddLine(string line)
    {
        if (LatencyLineDecoder.TryDecode(line, out var sample, out var problem))
        {
            Add(sample);
            return;
        }

        MalformedLines++;
        if (_malformedExamples.Count < MalformedExamplesKept)
        {
            _malformedExamples.Add($"{problem}: {line}");
        }
    }

    public void Add(SyscallSample sample)
    {
        Groups.Add(new SyscallKey(sample.ExecName, sample.Syscall), sample.LatencyNanoseconds);
        All.Add(sample.LatencyNanoseconds);
    }

    /// <summary>
    /// The <paramref name="n"/> (program, syscall) groups with the most total time, largest first. Each
    /// program keeps a bounded heap of its own top n; merging those leftist heaps (O(log n) each, the
    /// inputs untouched) and trimming to n gives the overall top n, since no group outside a program's top
    /// n can beat that program's n-th.
    /// </summary>
    public IReadOnlyList<GroupTotal> TopByTotalTime(int n)
    {
        var perProgram = Groups.Groups
            .Select(group => new GroupTotal(group.Key, group.Value.Stats.Sum))
            .GroupBy(total => total.Key.ExecName, StringComparer.Ordinal)
            .Select(program => LeftistHeap<GroupTotal>.BoundedLargest(program, n));

        var merged = new LeftistHeap<GroupTotal>();
        foreach (var programTop in perProgram)
        {
            merged.Merge(programTop);
        }

        // A min-heap: drop the smallest until n remain, then read them largest first.
        while (merged.Count > n)
        {
            merged.Pop();
        }

        return merged.Reverse().ToList();
    }
}
