using System.Text;
using System.Text.Json;
using StapSharp.Protocol;
using StapSharp.Runtime.Events;
using static StapSharp.EndToEnd.Tests.CommandLine.CliSources;

namespace StapSharp.EndToEnd.Tests;

/// <summary>`stapsharp decode CAPTURE`: a saved run's output read later, without stap, as `run` prints it.</summary>
public sealed class DecodeCommandTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(20);

    [VmFact]
    public async Task Decode_prints_a_real_runs_capture_as_the_run_printed_it()
    {
        using var temp = new TempFolder();
        var capture = Path.Combine(temp.Path, "mkdir.capture");
        var run = await CliRunner.RunAsync(Long,
            "run", "samples/MkdirEvents", "--vm", "--vm-command", "mkdir /tmp/decode-e2e; mkdir /tmp/decode-e2e", "-T", "5", "-o", capture);
        Assert.True(run.ExitCode == 0, run.ToString());

        var decoded = await CliRunner.RunAsync(Short, "decode", capture, "--format", "jsonl");
        var grouped = await CliRunner.RunAsync(Short, "decode", capture, "--group-by", "Result");

        Assert.True(decoded.ExitCode == 0, decoded.ToString());
        // The run printed its events as jsonl too (stdout is not a terminal): the capture holds them byte for byte.
        Assert.Equal(run.Stdout, decoded.Stdout);
        var events = decoded.StdoutLines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("fields")).ToList();
        Assert.Equal(["/tmp/decode-e2e", "/tmp/decode-e2e"], events.Select(e => e.GetProperty("Path").GetString()));
        Assert.Equal([0L, -17L], events.Select(e => e.GetProperty("Result").GetProperty("value").GetInt64()));
        Assert.Contains("stapsharp: events: MkdirEvent 2; dropped 0; decode errors 0", decoded.Stderr, StringComparison.Ordinal);
        Assert.True(grouped.ExitCode == 0, grouped.ToString());
        Assert.Contains("EEXIST", grouped.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_damaged_frame_is_counted_and_the_frames_after_it_decode()
    {
        using var temp = new TempFolder();
        var (bytes, secondFrame) = Capture();
        // One bit of the second event's pid: its check no longer matches.
        bytes[secondFrame + WireFormat.HeaderBytes] ^= 0x04;
        var capture = Path.Combine(temp.Path, "damaged.capture");
        File.WriteAllBytes(capture, bytes);

        var result = await CliRunner.RunAsync(Short, "decode", capture, "--format", "jsonl");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.StdoutLines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Equal(101, lines[0].GetProperty("fields").GetProperty("pid").GetInt64());
        Assert.Equal("between the events", lines[1].GetProperty("text").GetString());
        Assert.Equal(103, lines[2].GetProperty("fields").GetProperty("pid").GetInt64());
        Assert.Contains("stapsharp: an event frame could not be decoded (", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("stapsharp: events: MkdirEvent 2; dropped 0; decode errors 1", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_undamaged_capture_decodes_every_frame()
    {
        using var temp = new TempFolder();
        var capture = Path.Combine(temp.Path, "whole.capture");
        File.WriteAllBytes(capture, Capture().Bytes);

        var result = await CliRunner.RunAsync(Short, "decode", capture, "--format", "csv");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(4, result.StdoutLines.Count); // the header and three events; the text line goes to stderr
        Assert.Contains("stapsharp: events: MkdirEvent 3; dropped 0; decode errors 0", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_capture_is_a_user_error_without_a_stack_trace()
    {
        using var temp = new TempFolder();

        var result = await CliRunner.RunInAsync(temp.Path, Short, "decode", "missing.capture");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal("stapsharp: missing.capture: no such file\n", result.Stderr);
    }

    [Fact]
    public async Task A_capture_that_is_not_a_regular_file_is_refused_before_it_is_opened()
    {
        using var temp = new TempFolder();
        Fifo(Path.Combine(temp.Path, "pipe"));

        var fifo = await CliRunner.RunInAsync(temp.Path, Short, "decode", "pipe");
        var folder = await CliRunner.RunInAsync(temp.Path, Short, "decode", ".");

        Assert.True(fifo.ExitCode == 2, fifo.ToString());
        Assert.Equal("stapsharp: pipe: a FIFO, not a regular file; only regular files are read\n", fifo.Stderr);
        Assert.True(folder.ExitCode == 2, folder.ToString());
        Assert.Equal("stapsharp: .: a folder, not a regular file; only regular files are read\n", folder.Stderr);
    }

    [Fact]
    public async Task Aggregating_a_capture_checks_the_fields_against_the_types_it_declares()
    {
        using var temp = new TempFolder();
        var capture = Path.Combine(temp.Path, "events.capture");
        File.WriteAllBytes(capture, Capture().Bytes);
        var text = temp.Write("text.capture", "only text\n");

        var unknown = await CliRunner.RunAsync(Short, "decode", capture, "--group-by", "nosuch");
        var noTypes = await CliRunner.RunAsync(Short, "decode", text, "--group-by", "pid");
        var grouped = await CliRunner.RunAsync(Short, "decode", capture, "--group-by", "path");

        Assert.True(unknown.ExitCode == 64, unknown.ToString());
        Assert.Contains("stapsharp: --group-by nosuch: no event field of that name; the fields are: pid, path", unknown.Stderr, StringComparison.Ordinal);
        Assert.True(noTypes.ExitCode == 2, noTypes.ToString());
        Assert.Contains("declares no event types, so there is nothing to aggregate", noTypes.Stderr, StringComparison.Ordinal);
        Assert.True(grouped.ExitCode == 0, grouped.ToString());
        Assert.Contains("/tmp/a", grouped.Stdout, StringComparison.Ordinal);
        Assert.Contains("/tmp/b", grouped.Stdout, StringComparison.Ordinal);
    }

    /// <summary>A module's output as it writes it: the schema, three events (pids 101 to 103) and a text line after the first; where the second starts.</summary>
    private static (byte[] Bytes, int SecondFrame) Capture()
    {
        using var stream = new MemoryStream();
        using var writer = new WireWriter(stream);
        writer.WriteSchema([("Demo.MkdirEvent", [("pid", "i64"), ("path", "str")])]);
        var secondFrame = 0;
        foreach (var (pid, path) in new[] { (101L, "/tmp/a"), (102L, "/tmp/a"), (103L, "/tmp/b") })
        {
            if (pid == 102)
            {
                writer.Flush();
                secondFrame = (int)stream.Length;
            }

            writer.BeginEvent(0, 1_000 * pid, 0);
            writer.WriteInteger(pid);
            writer.WriteString(Encoding.UTF8.GetBytes(path));
            writer.EndEvent();
            if (pid == 101)
            {
                writer.WriteText("between the events"u8);
            }
        }

        writer.Flush();
        return (stream.ToArray(), secondFrame);
    }
}
