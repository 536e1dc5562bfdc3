using System.Globalization;
using System.Xml.Linq;
using StapSharp.Runtime.Aggregation;
using StapSharp.Runtime.Rendering;

namespace StapSharp.Runtime.Tests.Rendering;

public class LatencySvgPlotTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static SampleRecorder Samples()
    {
        var recorder = new SampleRecorder();
        for (int i = 1; i <= 1000; i++)
        {
            recorder.Add(i * 1000L); // 1 µs … 1 ms, uniform
        }

        recorder.Add(50_000_000);                                 // one 50 ms outlier
        return recorder;
    }

    [Fact]
    public void Sample_plot_is_valid_svg_with_bars_cdf_and_percentile_markers()
    {
        var document = XDocument.Parse(LatencySvgPlot.Render(Samples(), "read() <latency> & more"));
        var root = document.Root!;
        Assert.Equal(Svg + "svg", root.Name);
        Assert.Equal("read() <latency> & more", root.Element(Svg + "title")!.Value);

        var bars = root.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "bars").Elements(Svg + "rect").ToList();
        long plotted = bars.Sum(b => long.Parse(b.Element(Svg + "title")!.Value.Split(": ")[1], NumberStyles.AllowThousands, CultureInfo.InvariantCulture));
        Assert.Equal(1001, plotted);
        Assert.All(bars, b => Assert.True(double.Parse((string)b.Attribute("height")!, CultureInfo.InvariantCulture) > 0));

        var cdf = root.Descendants(Svg + "polyline").Single(p => (string?)p.Attribute("class") == "cdf");
        var points = ((string)cdf.Attribute("points")!).Split(' ').Select(p => double.Parse(p.Split(',')[1], CultureInfo.InvariantCulture)).ToList();
        Assert.True(points.Zip(points.Skip(1)).All(pair => pair.Second <= pair.First + 1e-9), "the cumulative line never goes down");

        var markerLabels = root.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "percentiles")
            .Elements(Svg + "text").Select(t => t.Value).ToList();
        // Nearest rank over 1001 samples: ceil(0.5 · 1001) = 501st sample, and so on.
        Assert.Equal(["p50 501 µs", "p90 901 µs", "p99 991 µs", "p99.9 1 ms"], markerLabels);

        var axisLabels = root.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "time-axis").Elements(Svg + "text").Select(t => t.Value).ToList();
        Assert.Contains("1 µs", axisLabels);
        Assert.Contains("1 ms", axisLabels);
        Assert.Contains("10 ms", axisLabels);
    }

    [Fact]
    public void Log2_plot_draws_one_bar_per_non_empty_bucket()
    {
        var histogram = new Log2Histogram();
        histogram.Add(1000, 5);  // 512 – 1023
        histogram.Add(5000, 7);  // 4096 – 8191
        var document = XDocument.Parse(LatencySvgPlot.Render(histogram));
        var bars = document.Root!.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "bars").Elements(Svg + "rect").ToList();
        Assert.Equal(2, bars.Count);
        Assert.EndsWith(": 5", bars[0].Element(Svg + "title")!.Value);
        Assert.EndsWith(": 7", bars[1].Element(Svg + "title")!.Value);
    }

    [Fact]
    public void Empty_input_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => LatencySvgPlot.Render(new SampleRecorder()));
        Assert.Throws<ArgumentException>(() => LatencySvgPlot.Render(new Log2Histogram()));
    }
}
