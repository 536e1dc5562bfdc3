using System.Text;
using System.Xml.Linq;
using StapSharp.Runtime.Events;
using StapSharp.Screenshots;

namespace StapSharp.EndToEnd.Tests.Screenshots;

/// <summary>The docs' pictures of the terminal: ANSI text drawn as SVG rows, and the live view drawn from a replayed capture.</summary>
public sealed class TerminalSvgTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Colours_and_bold_become_styled_runs_and_other_escapes_are_dropped()
    {
        var lines = TerminalSvg.Parse("\e[?25l\e[1;38;5;208mhot\e[22m warm\e[0m cold\n\e[2K\e[1A\e]0;title\anext\e[38;2;1;2;3mrgb\e[39m\tx\n\e[91mred\n");

        Assert.Equal(3, lines.Count);
        Assert.Equal(
            [new TerminalSvg.Span("hot", "#ff8700", true), new TerminalSvg.Span(" warm", "#ff8700", false), new TerminalSvg.Span(" cold", null, false)],
            lines[0]);
        Assert.Equal([new TerminalSvg.Span("next", null, false), new TerminalSvg.Span("rgb", "#010203", false), new TerminalSvg.Span(" x", null, false)], lines[1]);
        Assert.Equal([new TerminalSvg.Span("red", "#f14c4c", false)], lines[2]);
    }

    [Fact]
    public void Each_line_is_one_text_row_with_each_run_at_its_column_and_markup_escaped()
    {
        var svg = XDocument.Parse(TerminalSvg.Render("a <b> & \e[1mc\e[0m\n\n│ x │\n", 40, "demo <1>"));

        var rows = svg.Root!.Elements(Svg + "text").Skip(1).ToList();
        Assert.Equal("demo <1>", svg.Root.Elements(Svg + "text").First().Value);
        Assert.Equal(["a <b> & c", "", "│ x │"], rows.Select(r => r.Value));
        var bold = rows[0].Elements(Svg + "tspan").Last();
        Assert.Equal(("c", "bold"), (bold.Value, (string?)bold.Attribute("font-weight")));
        Assert.Equal(14 + (8 * TerminalSvg.CellWidth), double.Parse((string)bold.Attribute("x")!, System.Globalization.CultureInfo.InvariantCulture), 3);
        Assert.Equal(2 * 14 + (40 * TerminalSvg.CellWidth), double.Parse((string)svg.Root.Attribute("width")!, System.Globalization.CultureInfo.InvariantCulture), 3);
    }

    [Fact]
    public async Task The_live_view_of_a_replayed_capture_is_drawn_row_by_row()
    {
        using var temp = new TempFolder();
        var capture = Path.Combine(temp.Path, "calls.capture");
        using (var file = File.Create(capture))
        using (var writer = new WireWriter(file))
        {
            writer.WriteSchema([("Demo.Call", [("Function", "str"), ("LatencyNs", "i64")])]);
            for (var i = 0; i < 30; i++)
            {
                writer.BeginEvent(0, i, 0);
                writer.WriteString(Encoding.UTF8.GetBytes(i % 3 == 0 ? "fib" : "greet"));
                writer.WriteInteger((i + 1) * 1_000);
                writer.EndEvent();
            }
        }

        var frame = await AggregateViews.LiveFrameAsync(capture, ["Function"], percentiles: "LatencyNs", histogram: null, 100);
        var rows = XDocument.Parse(TerminalSvg.Render(frame, 100, "live")).Root!.Elements(Svg + "text").Skip(1).Select(r => r.Value).ToList();

        Assert.Contains("\e[", frame, StringComparison.Ordinal);
        // One frame, as the live display shows it at each refresh.
        Assert.Single(rows, row => row.Trim() == "LatencyNs by Function");
        Assert.Contains(rows, row => row.Contains("│ # │ Function", StringComparison.Ordinal));
        Assert.Contains(rows, row => row.Contains("\"greet\"", StringComparison.Ordinal) && row.Contains(" 20 ", StringComparison.Ordinal));
        Assert.Single(rows, row => row.Contains("2 groups, 30 events", StringComparison.Ordinal));
        Assert.DoesNotContain(rows, row => row.Any(char.IsControl));
    }
}
