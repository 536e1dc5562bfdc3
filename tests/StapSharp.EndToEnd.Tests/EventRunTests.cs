using System.Text.Json;

namespace StapSharp.EndToEnd.Tests;

/// <summary>Typed events from a real kernel in the VM, through `stapsharp run --format jsonl`.</summary>
public sealed class EventRunTests
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(20);

    [VmFact]
    public async Task MkdirEvents_prints_both_mkdirs_as_jsonl_with_the_errno_decoded()
    {
        var result = await CliRunner.RunAsync(Long,
            "run", "samples/MkdirEvents", "--vm", "--format", "jsonl", "--vm-command", "mkdir /tmp/d; mkdir /tmp/d", "-T", "5");

        Assert.True(result.ExitCode == 0, result.ToString());
        var events = result.StdoutLines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.True(events.Count == 2, result.ToString());
        Assert.All(events, e => Assert.Equal("Samples.MkdirEvent", e.GetProperty("event").GetString()));
        Assert.True(events[0].GetProperty("timestampNs").GetInt64() <= events[1].GetProperty("timestampNs").GetInt64(), result.ToString());

        var (made, failed) = (events[0].GetProperty("fields"), events[1].GetProperty("fields"));
        foreach (var fields in new[] { made, failed })
        {
            Assert.True(fields.GetProperty("Pid").GetInt64() > 0, result.ToString());
            Assert.Equal("mkdir", fields.GetProperty("ExecName").GetString());
            Assert.Equal("/tmp/d", fields.GetProperty("Path").GetString());
        }

        Assert.Equal(0, made.GetProperty("Result").GetProperty("value").GetInt64());
        Assert.Equal(JsonValueKind.Null, made.GetProperty("Result").GetProperty("name").ValueKind);
        Assert.Equal(-17, failed.GetProperty("Result").GetProperty("value").GetInt64());
        Assert.Equal("EEXIST", failed.GetProperty("Result").GetProperty("name").GetString());
        Assert.Equal("File exists", failed.GetProperty("Result").GetProperty("message").GetString());
        Assert.Contains("stapsharp: events: MkdirEvent 2; dropped 0; decode errors 0; stap warnings 0, errors 0", result.Stderr, StringComparison.Ordinal);
    }

    [VmFact]
    public async Task An_event_printed_right_after_text_without_a_line_end_arrives_and_so_does_the_text()
    {
        using var temp = new TempFolder();
        var source = temp.Write("Unended.cs", """
            using StapSharp;
            using static StapSharp.Stap;
            public sealed record Mark(long Value, string Note);
            public sealed class Unended : ProbeScript
            {
                [Probe("begin")]
                void Begin()
                {
                    Print("no line end, then ");
                    Emit(new Mark(10, "a\nb"));
                    Println("the rest of the line");
                    Exit();
                }
            }
            """);
        var result = await CliRunner.RunAsync(Long, "run", source, "--vm", "--format", "jsonl", "-T", "20");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.StdoutLines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.True(lines.Count == 3, result.ToString());
        Assert.Equal("no line end, then ", lines[0].GetProperty("text").GetString());
        Assert.Equal("Mark", lines[1].GetProperty("event").GetString());
        Assert.Equal(10, lines[1].GetProperty("fields").GetProperty("Value").GetInt64());
        Assert.Equal("a\nb", lines[1].GetProperty("fields").GetProperty("Note").GetString());
        Assert.Equal("the rest of the line", lines[2].GetProperty("text").GetString());
        Assert.Contains("decode errors 0", result.Stderr, StringComparison.Ordinal);
    }

    [VmFact]
    public async Task Bulk_mode_merges_both_CPUs_events_in_timestamp_order()
    {
        using var temp = new TempFolder();
        var source = temp.Write("BulkTicks.cs", """
            using StapSharp;
            using static StapSharp.Stap;

            public sealed record Tick(long Cpu, long Number);

            public sealed class BulkTicks : ProbeScript
            {
                static long ticks;

                // timer.profile fires on every CPU at each scheduler tick.
                [Probe("timer.profile")]
                void OnTick()
                {
                    ticks++;
                    if (ticks > 200)
                    {
                        Exit();
                        return;
                    }
                    Emit(new Tick(Cpu(), ticks));
                }
            }
            """);

        var result = await CliRunner.RunAsync(Long, "run", source, "--vm", "--bulk", "--format", "jsonl", "-T", "60");

        Assert.True(result.ExitCode == 0, result.ToString());
        var events = result.StdoutLines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.True(events.Count >= 100, result.ToString());
        Assert.All(events, e => Assert.Equal("Tick", e.GetProperty("event").GetString()));
        var cpus = events.Select(e => e.GetProperty("cpu").GetInt32()).ToList();
        Assert.Equal([0, 1], cpus.Distinct().Order());
        Assert.All(events, e => Assert.Equal(e.GetProperty("cpu").GetInt64(), e.GetProperty("fields").GetProperty("Cpu").GetInt64()));
        var stamps = events.Select(e => e.GetProperty("timestampNs").GetInt64()).ToList();
        Assert.Equal(stamps.Order(), stamps);
        // Both CPUs interleave: the merge did not just append one file to the other.
        Assert.True(Enumerable.Range(1, cpus.Count - 1).Count(i => cpus[i] != cpus[i - 1]) >= 2, string.Join(",", cpus));
        Assert.Matches(@"stapsharp: bulk: cpu 0 \d+ records, cpu 1 \d+ records", result.Stderr);
        var summary = System.Text.RegularExpressions.Regex.Match(result.Stderr, $@"stapsharp: events: Tick {events.Count}; dropped (\d+); decode errors 0");
        Assert.True(summary.Success, result.ToString());
        // Every Tick the module wrote was printed. A drop here can only be a probe hit stap skipped (TCG's ticks can
        // reenter the handler), which stap reports itself; one lost in transport or in the merge would not be.
        var dropped = long.Parse(summary.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        if (dropped > 0)
        {
            Assert.Contains($"skipped probes: {dropped}", result.Stderr, StringComparison.Ordinal);
        }
    }
}
