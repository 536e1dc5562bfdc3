using System.Text.RegularExpressions;

namespace StapSharp.EndToEnd.Tests;

/// <summary>Statistics, a log histogram and a sorted, limited foreach over a stats array, run for real in the VM.</summary>
public sealed class StatisticsTests
{
    // Guards against a hung process, not a timing assert: a cold build on a busy machine is slow.
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(20);

    [VmFact]
    public async Task MkdirStats_aggregates_real_mkdir_calls_in_the_VM()
    {
        // Three mkdir processes making 3, 1 and 2 calls. The tapset quotes the path, so "/tmp/s1" is
        // 9 characters (log bucket 8) and "/tmp/stapsharp-statistics-long" is 32 (bucket 32).
        var result = await CliRunner.RunAsync(Long,
            "run", "samples/MkdirStats", "--vm", "-T", "5", "--vm-command",
            "mkdir /tmp/s1 /tmp/s2 /tmp/s3; mkdir /tmp/stapsharp-statistics-long; mkdir /tmp/t1 /tmp/t2");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.StdoutLines;
        Assert.Contains("mkdir calls: 6", lines);
        Assert.Contains("path length: min 9, avg 12, max 32", lines); // (5 * 9 + 32) / 6, in integers

        // @hist_log draws a header and one row per bucket: value, a bar of @, and the count.
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^value \|-+ count$"));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^\s+8 \|@+\s+5$"));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^\s+32 \|@+\s+1$"));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^\s+16 \|\s+0$"));

        // foreach (... in byProcess @count- limit 2): the 3-call process, then the 2-call one, never the 1-call one.
        var perProcess = lines.Where(l => Regex.IsMatch(l, @"^mkdir\[\d+\]: \d+ calls$")).ToList();
        Assert.True(perProcess.Count == 2, result.ToString());
        Assert.EndsWith(": 3 calls", perProcess[0], StringComparison.Ordinal);
        Assert.EndsWith(": 2 calls", perProcess[1], StringComparison.Ordinal);
    }
}
