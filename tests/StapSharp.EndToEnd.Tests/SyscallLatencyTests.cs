using System.Text.RegularExpressions;
using System.Xml.Linq;
using SyscallLatencyReport;

namespace StapSharp.EndToEnd.Tests;

/// <summary>The SyscallLatency sample's line format, the report's aggregation, and the report run for real in the VM.</summary>
public sealed class SyscallLatencyTests
{
    [Fact]
    public void Decoder_reads_a_well_formed_line()
    {
        Assert.True(LatencyLineDecoder.TryDecode("ls\t123\topenat\t4567", out var sample, out var problem), problem);
        Assert.Equal(new SyscallSample("ls", 123, "openat", 4567), sample);
    }

    [Fact]
    public void Decoder_keeps_tabs_and_spaces_inside_the_process_name()
    {
        // A process chooses its own name (prctl PR_SET_NAME): the last three fields are split off from the right.
        Assert.True(LatencyLineDecoder.TryDecode("my\tprog x\t7\tread\t0\r", out var sample, out var problem), problem);
        Assert.Equal(new SyscallSample("my\tprog x", 7, "read", 0), sample);
    }

    [Theory]
    [InlineData("", "4 tab-separated fields")]
    [InlineData("ls 123 openat 4567", "4 tab-separated fields")]
    [InlineData("ls\t123\topenat", "4 tab-separated fields")]
    [InlineData("\t123\topenat\t5", "4 tab-separated fields")]
    [InlineData("ls\t\topenat\t5", "pid")]
    [InlineData("ls\t0\topenat\t5", "pid")]
    [InlineData("ls\t-4\topenat\t5", "pid")]
    [InlineData("ls\t99999999999\topenat\t5", "pid")]
    [InlineData("ls\t12\t\t5", "syscall name")]
    [InlineData("ls\t12\topen at\t5", "syscall name")]
    [InlineData("ls\t12\topenat\t", "latency")]
    [InlineData("ls\t12\topenat\tfast", "latency")]
    [InlineData("ls\t12\topenat\t12.5", "latency")]
    [InlineData("ls\t12\topenat\t-5", "latency")]
    [InlineData("ls\t12\topenat\t 5", "latency")]
    [InlineData("ls\t12\topenat\t9223372036854775808", "latency")]
    [InlineData("ls\t12\topenat\t99999999999999999999999999999", "latency")]
    [InlineData("WARNING: There were 3 transport failures.", "4 tab-separated fields")]
    public void Decoder_rejects_hostile_lines_with_the_reason(string line, string reason)
    {
        Assert.False(LatencyLineDecoder.TryDecode(line, out _, out var problem));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Decoder_accepts_the_largest_latency()
    {
        Assert.True(LatencyLineDecoder.TryDecode($"x\t1\tread\t{long.MaxValue}", out var sample, out _));
        Assert.Equal(long.MaxValue, sample.LatencyNanoseconds);
    }

    [Fact]
    public void Collector_counts_malformed_lines_and_keeps_the_rest()
    {
        var collector = new LatencyCollector();
        foreach (var line in new[] { "ls\t1\tread\t10", "garbage", "ls\t1\tread\t30", "ls\t1\tread\tNaN", "cat\t2\tread\t20" })
        {
            collector.AddLine(line);
        }

        Assert.Equal(2, collector.MalformedLines);
        Assert.Equal(2, collector.MalformedExamples.Count);
        Assert.Equal(3, collector.All.Count);
        Assert.Equal(2, collector.Groups[new SyscallKey("ls", "read")].Count);
        Assert.Equal(30, collector.Groups[new SyscallKey("ls", "read")].Percentile(99));
    }

    [Fact]
    public void Top_by_total_time_from_merged_per_program_heaps_matches_a_full_sort()
    {
        var random = new Random(20240607);
        var collector = new LatencyCollector();
        string[] programs = ["ls", "cat", "sh", "init", "stapio"];
        string[] syscalls = ["read", "write", "openat", "close", "mmap", "getdents64", "wait4", "execve", "brk", "newfstatat", "ioctl", "poll"];
        for (var i = 0; i < 5000; i++)
        {
            var program = programs[random.Next(programs.Length)];
            var syscall = syscalls[random.Next(syscalls.Length)];
            collector.Add(new SyscallSample(program, 100 + i % 7, syscall, random.NextInt64(1, 1_000_000)));
        }

        var expected = collector.Groups.Groups
            .Select(group => (group.Key, Total: group.Value.Stats.Sum))
            .OrderByDescending(group => group.Total).ThenBy(group => group.Key)
            .Take(10)
            .ToList();
        var actual = collector.TopByTotalTime(10).Select(group => (group.Key, Total: group.TotalNanoseconds)).ToList();

        Assert.Equal(expected, actual);
    }

    [VmFact]
    public async Task Report_measures_real_syscalls_in_the_VM()
    {
        var folder = Directory.CreateTempSubdirectory("stapsharp-report-").FullName;
        try
        {
            var svg = Path.Combine(folder, "latency.svg");
            var result = await RunReportAsync(TimeSpan.FromMinutes(20), "--seconds", "8", "--svg", svg);

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Matches(@"system calls: [\d,]+ in [\d.]+ s, \d+ \(execname, syscall\) groups, malformed lines: 0", result.Stdout);

            // Percentile lines of ls's calls, with numbers and units.
            var percentileLine = new Regex(@"^\s+ls (openat|read|getdents64|mmap|execve|newfstatat|close|write|brk)\s+count\s+\d+\s+mean\s+[\d.]+ (ns|µs|ms|s)\s+p50\s+[\d.]+ (ns|µs|ms|s)\s+p99\s+[\d.]+ (ns|µs|ms|s)\s+p99\.9\s+[\d.]+ (ns|µs|ms|s)$", RegexOptions.Multiline);
            Assert.True(percentileLine.IsMatch(result.Stdout), result.ToString());

            // The histogram of all calls: its title and value rows with bars.
            Assert.Contains("all system calls", result.Stdout, StringComparison.Ordinal);
            Assert.Matches(@"│\s+[\d.]+ (ns|µs|ms) – [\d.]+ (ns|µs|ms)\s+│\s+█", result.Stdout);

            // The top table names a (program, syscall) row of ls or cat, the guest command's programs.
            var topTable = result.Stdout[result.Stdout.IndexOf("by total time", StringComparison.Ordinal)..];
            Assert.Matches(@"│\s+\d+\s+│\s+(ls|cat) (openat|read|getdents64|mmap|execve|newfstatat|close|write|brk|mprotect)\s", topTable);

            var plot = XDocument.Load(svg);
            Assert.Equal("svg", plot.Root!.Name.LocalName);
            Assert.Contains(plot.Descendants(), element => element.Name.LocalName == "rect");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Runs the report program (built beside the tests as a project reference) as its own process.</summary>
    private static Task<CliRunner.Result> RunReportAsync(TimeSpan limit, params string[] arguments) =>
        CliRunner.RunProgramAsync("SyscallLatencyReport.dll", limit, arguments);
}
