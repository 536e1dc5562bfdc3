using System.Text;
using Spectre.Console.Testing;
using StapSharp.Cli.Aggregate;
using StapSharp.Cli.Output;
using StapSharp.Compiler.Printing;
using StapSharp.Compiler.Tests.Support;
using StapSharp.Runtime.Events;
using StapSharp.Runtime.Sessions;
using static StapSharp.EndToEnd.Tests.Aggregate.AggregateEvents;

namespace StapSharp.EndToEnd.Tests.Aggregate;

/// <summary>What an aggregating run prints: the report at the end, the live view, and a replayed module output.</summary>
public sealed class AggregateReportTests
{
    private static string SnapshotPath(string name) =>
        Path.Combine(Snapshot.RepositoryRoot(), "tests", "StapSharp.EndToEnd.Tests", "Aggregate", "Snapshots", $"{name}.verified.txt");

    private static EventAggregator Fixed(LinearLayout? linear = null)
    {
        var aggregator = Aggregator(["pid", "name"], percentiles: "latencyNs", histogram: "latencyNs", linear: linear, top: 3);
        (long Pid, string Name, int Count)[] groups = [(200, "read", 8), (100, "read", 20), (300, "write", 2), (100, "write", 12), (200, "openat", 5)];
        var k = 0;
        foreach (var (pid, name, count) in groups)
        {
            for (var i = 0; i < count; i++, k++)
            {
                aggregator.Add(CallEvent(pid, name, (k * 37 % 101 + 1) * 1_000));
            }
        }

        aggregator.Add(TickEvent(1));
        aggregator.Add(TickEvent(2));
        return aggregator;
    }

    [Fact]
    public void The_report_shows_the_top_groups_with_percentiles_and_stap_s_log2_histogram()
    {
        Snapshot.Verify(AggregateReport.Text(Fixed()), SnapshotPath("Report_log2"));
    }

    [Fact]
    public void The_report_shows_a_linear_histogram_in_stap_s_layout()
    {
        Snapshot.Verify(AggregateReport.Text(Fixed(new LinearLayout(0, 100_000, 10_000))), SnapshotPath("Report_linear"));
    }

    [Fact]
    public void The_svg_plots_the_percentiles_field_of_every_aggregated_event_and_there_is_none_without_values()
    {
        Assert.Null(AggregateSvg.Render(Aggregator(["name"], percentiles: "latencyNs")));

        var svg = AggregateSvg.Render(Fixed());

        Assert.NotNull(svg);
        Assert.Contains("<title>latencyNs (ns)</title>", svg, StringComparison.Ordinal);
        Assert.Contains("n = 47", svg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replayed_module_output_prints_text_as_it_comes_and_the_report_at_the_end()
    {
        // The module's bytes as the wire reader gets them: the schema, events of two types and a text line.
        var wire = new MemoryStream();
        using (var writer = new WireWriter(wire))
        {
            writer.WriteSchema([("Demo.Call", [("name", "str"), ("latencyNs", "i64")]), ("Demo.Tick", [("n", "i64")])]);
            void Call(long time, int cpu, string name, long latency)
            {
                writer.BeginEvent(0, time, cpu);
                writer.WriteString(Encoding.UTF8.GetBytes(name));
                writer.WriteInteger(latency);
                writer.EndEvent();
            }

            Call(10, 0, "read", 300);
            Call(20, 0, "read", 100);
            writer.BeginEvent(1, 25, 1);
            writer.WriteInteger(7);
            writer.EndEvent();
            writer.WriteText("text in between"u8);
            Call(30, 1, "write", 200);
        }

        var types = new[]
        {
            new OutputEventType("Demo.Call", ["name", "latencyNs"], ["str", "i64"]),
            new OutputEventType("Demo.Tick", ["n"], ["i64"]),
        };
        var aggregator = new EventAggregator(AggregatePlan.Resolve(new AggregateRequest(["name"], null, "latencyNs", null, null), types));
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var printer = new RunPrinter(OutputFormat.Auto, "/x/Demo.stp", new SourceMap([]), stdout, Stream.Null, stderr, stdoutIsTerminal: false, aggregator);
        await using var session = EventSession.FromCapture(new MemoryStream(wire.ToArray()));

        printer.Complete(await session.DispatchAsync(printer.Handlers()));

        var lines = stdout.ToString().ReplaceLineEndings("\n").Split('\n');
        Assert.Equal("text in between", lines[0]);
        var read = Assert.Single(lines, l => l.Contains("\"read\"", StringComparison.Ordinal));
        Assert.Matches(@"│ 1 │ ""read"" +│ +2 │ +66\.7% │ +100 │ +300 │ +300 │ +300 │ +300 │", read);
        Assert.Contains("2 groups, 3 events; other events: Tick 1", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("stapsharp: events: Call 3, Tick 1", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void On_a_terminal_events_update_the_numbers_and_only_a_refresh_redraws()
    {
        var console = new TestConsole().Interactive().Width(160);
        var output = new AggregateEventOutput(Aggregator(["name"], percentiles: "latencyNs"), TextWriter.Null, console, redrawByTimer: false);
        output.Declare(Types);
        var drawn = console.Output;

        for (var i = 1; i <= 500; i++)
        {
            output.Event(CallEvent(1, i % 2 == 0 ? "read" : "write", i));
        }

        Assert.Equal(drawn, console.Output);

        output.Refresh();
        var refreshed = console.Output[drawn.Length..];
        Assert.Contains("\"read\"", refreshed, StringComparison.Ordinal);
        Assert.Contains("2 groups, 500 events", refreshed, StringComparison.Ordinal);
        output.Complete();
    }
}
