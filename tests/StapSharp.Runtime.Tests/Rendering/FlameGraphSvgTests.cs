using System.Globalization;
using System.Xml.Linq;
using StapSharp.Runtime.Rendering;
using StapSharp.Runtime.Stacks;
using StapSharp.Tests.Shared;

namespace StapSharp.Runtime.Tests.Rendering;

public class FlameGraphSvgTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>Each frame drawn: its tooltip's name, and its rectangle's x, y and width.</summary>
    private static List<(string Name, double X, double Y, double Width)> Frames(string svg)
    {
        var frames = XDocument.Parse(svg).Root!.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "frames").Elements(Svg + "g");
        return frames.Select(g =>
        {
            var title = g.Element(Svg + "title")!.Value;
            var rect = g.Element(Svg + "rect")!;
            return (title[..title.LastIndexOf(" (", StringComparison.Ordinal)], Number(rect, "x"), Number(rect, "y"), Number(rect, "width"));
        }).ToList();
    }

    private static double Number(XElement element, string attribute) => double.Parse((string)element.Attribute(attribute)!, CultureInfo.InvariantCulture);

    [Fact]
    public void Widths_follow_the_counts_and_callees_sit_above_their_caller_in_alphabetical_order()
    {
        var stacks = new FoldedStacks();
        stacks.Add(["main", "write"], 30);
        stacks.Add(["main", "read"], 10);
        stacks.Add(["idle"], 60);
        var frames = Frames(FlameGraphSvg.Render(stacks)).ToDictionary(f => f.Name);

        var all = frames[FlameGraphSvg.RootName];
        Assert.Equal(0.6, frames["idle"].Width / all.Width, 3);
        Assert.Equal(0.4, frames["main"].Width / all.Width, 3);
        Assert.Equal(0.1, frames["read"].Width / all.Width, 3);
        Assert.Equal(0.3, frames["write"].Width / all.Width, 3);
        // idle before main, read before write, each level above the one below (y grows downwards).
        Assert.True(frames["idle"].X < frames["main"].X);
        Assert.Equal(frames["main"].X, frames["read"].X, 3);
        Assert.Equal(frames["read"].X + frames["read"].Width, frames["write"].X, 3);
        Assert.True(frames["main"].Y < all.Y);
        Assert.True(frames["read"].Y < frames["main"].Y);
    }

    [Fact]
    public void A_tooltip_gives_the_count_and_the_share()
    {
        var stacks = new FoldedStacks();
        stacks.Add(["main", "work"], 1234);
        stacks.Add(["other"], 766);
        var titles = XDocument.Parse(FlameGraphSvg.Render(stacks)).Root!.Descendants(Svg + "title").Select(t => t.Value).ToList();
        Assert.Contains("work (1,234 samples, 61.7%)", titles);
        Assert.Contains("all (2,000 samples, 100%)", titles);
    }

    [Fact]
    public void A_long_name_is_elided_to_its_frame()
    {
        Assert.Equal("short", FlameGraphSvg.Elide("short", 1000));
        Assert.Equal("a_ve..", FlameGraphSvg.Elide("a_very_long_function_name", (6 * 7.2) + 0.1));
        Assert.Equal("", FlameGraphSvg.Elide("a_very_long_function_name", (2 * 7.2) + 0.1));
        // A surrogate pair is never cut in half.
        Assert.Equal("ab..", FlameGraphSvg.Elide("ab\U0001F600cdefgh", (5 * 7.2) + 0.1));
    }

    public static TheoryData<HostileString> Hostile() => new(HostileStrings.All.Where(h => h.Value.Length > 0));

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Hostile_frame_names_and_titles_stay_text(HostileString hostile)
    {
        var stacks = new FoldedStacks();
        stacks.Add(["<script>alert(1)</script>", hostile.Value], 2);
        stacks.Add(["a&b\"c'd"], 1);
        var svg = FlameGraphSvg.Render(stacks, hostile.Value.Length < 100 ? hostile.Value : "title");
        var document = XDocument.Parse(svg);
        Assert.Empty(document.Root!.Descendants(Svg + "script"));
        var names = Frames(svg).Select(f => f.Name).ToList();
        Assert.Contains("<script>alert(1)</script>", names);
        Assert.Contains(FoldedStacks.Escape(hostile.Value), names);
        Assert.Contains("a&b\"c'd", names);
    }

    [Fact]
    public void No_stacks_is_an_error_not_an_empty_graph() =>
        Assert.Throws<ArgumentException>(() => FlameGraphSvg.Render(new FoldedStacks()));
}
