using System.Text;
using StapSharp.Cli.Output;
using StapSharp.Compiler.Printing;
using StapSharp.Runtime.Bulk;
using StapSharp.Runtime.Events;
using StapSharp.Tests.Shared;

namespace StapSharp.EndToEnd.Tests;

/// <summary>Per-CPU bulk files decoded with the module's schema and printed merged by timestamp.</summary>
public sealed class BulkReplayTests
{
    /// <summary>Output as the module writes it, into one bulk record.</summary>
    private static byte[] Output(Action<WireWriter> write)
    {
        var bytes = new MemoryStream();
        using (var writer = new WireWriter(bytes))
        {
            write(writer);
        }

        return bytes.ToArray();
    }

    private static byte[] Schema() => Output(writer => writer.WriteSchema([("Demo.Tick", [("Cpu", "i64"), ("Name", "str")])]));

    /// <summary>A Tick event frame, then the text lines given.</summary>
    private static Action<WireWriter> Tick(long timestampNs, int cpu, string name, params string[] text) => writer =>
    {
        writer.BeginEvent(0, timestampNs, cpu);
        writer.WriteInteger(cpu);
        writer.WriteString(Encoding.UTF8.GetBytes(name));
        writer.EndEvent();
        foreach (var line in text)
        {
            writer.WriteText(Encoding.UTF8.GetBytes(line));
        }
    };

    private static async Task<(string Stdout, string Stderr)> Replay(TempFolder folder, OutputFormat format)
    {
        // CPU 1 ran the begin probe: the schema is in its file, CPU 0 starts from it.
        File.WriteAllBytes(Path.Combine(folder.Path, "cpu_0"), BulkFiles.Write(Output(Tick(20, 0, "a")), Output(Tick(40, 0, "b", "text after b"))));
        File.WriteAllBytes(Path.Combine(folder.Path, "cpu_1"), BulkFiles.Write(Schema(), Output(writer => { Tick(10, 1, "x")(writer); Tick(30, 1, "y\nz")(writer); })));
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        using var bytes = new MemoryStream();
        var printer = new RunPrinter(format, "/x/Demo.stp", new SourceMap([]), stdout, bytes, stderr, stdoutIsTerminal: false);

        var replay = await BulkReplay.DispatchAsync([Path.Combine(folder.Path, "cpu_0"), Path.Combine(folder.Path, "cpu_1")], printer.Handlers());
        printer.Complete(replay.Summary);

        Assert.Equal([new BulkCpuRecords(0, 2), new BulkCpuRecords(1, 2)], replay.Files);
        return (stdout.ToString() + Encoding.UTF8.GetString(bytes.ToArray()), stderr.ToString());
    }

    [Fact]
    public async Task Events_of_both_CPUs_come_out_in_timestamp_order_with_their_text()
    {
        using var folder = new TempFolder();

        var (stdout, stderr) = await Replay(folder, OutputFormat.Text);

        Assert.Equal("Tick Cpu=1 Name=\"x\"\nTick Cpu=0 Name=\"a\"\nTick Cpu=1 Name=\"y\\nz\"\nTick Cpu=0 Name=\"b\"\ntext after b\n",
            stdout.ReplaceLineEndings("\n"));
        Assert.Contains("stapsharp: events: Tick 4; dropped 0; decode errors 0", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Auto_format_with_events_and_redirected_stdout_is_jsonl()
    {
        using var folder = new TempFolder();

        var (stdout, _) = await Replay(folder, OutputFormat.Auto);

        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.StartsWith("{\"event\":\"Demo.Tick\",\"timestampNs\":10,\"cpu\":1,", lines[0], StringComparison.Ordinal);
        Assert.Equal("{\"text\":\"text after b\"}", lines[4]);
    }
}
