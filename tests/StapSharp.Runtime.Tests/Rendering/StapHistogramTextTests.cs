using StapSharp.Runtime.Aggregation;
using StapSharp.Runtime.Rendering;

namespace StapSharp.Runtime.Tests.Rendering;

public class StapHistogramTextTests
{
    [Fact]
    public void Log_histogram_prints_like_stap_with_two_empty_buckets_of_margin()
    {
        var histogram = new Log2Histogram();
        foreach (long v in new long[] { 1, 2, 3, 4, 5, 6, 7, 8 })
        {
            histogram.Add(v);
        }

        string expected =
            "value |-------------------------------------------------- count\n" +
            "    0 |                                                   0\n" +
            "    1 |@                                                  1\n" +
            "    2 |@@                                                 2\n" +
            "    4 |@@@@                                               4\n" +
            "    8 |@                                                  1\n" +
            "   16 |                                                   0\n" +
            "   32 |                                                   0\n" +
            "\n";
        Assert.Equal(expected, StapHistogramText.Format(histogram));
    }

    [Fact]
    public void Long_empty_runs_are_elided_with_a_tilde_and_bars_scale_to_fifty_columns()
    {
        var histogram = new Log2Histogram();
        histogram.Add(1, 100);
        histogram.Add(1 << 20, 50);
        string text = StapHistogramText.Format(histogram);
        string[] lines = text.Split('\n');
        Assert.Contains(lines, l => l.Trim() == "~");
        string ones = Assert.Single(lines, l => l.TrimStart().StartsWith("1 |", StringComparison.Ordinal));
        Assert.Equal(50, ones.Count(c => c == '@'));
        Assert.EndsWith(" 100", ones);
        string big = Assert.Single(lines, l => l.TrimStart().StartsWith("1048576 |", StringComparison.Ordinal));
        Assert.Equal(25, big.Count(c => c == '@'));
    }

    [Fact]
    public void Linear_histogram_shows_under_and_overflow_only_when_used()
    {
        var histogram = new LinearHistogram(0, 100, 10);
        histogram.Add(-5);
        histogram.Add(15);
        histogram.Add(500);
        string text = StapHistogramText.Format(histogram);
        Assert.Contains("  <0 |@", text);
        Assert.Contains(">100 |@", text);

        var inRange = new LinearHistogram(0, 100, 10);
        inRange.Add(50);
        string plain = StapHistogramText.Format(inRange);
        Assert.DoesNotContain("<0", plain);
        Assert.DoesNotContain(">100", plain);
        Assert.Contains("   50 |@", plain);
        Assert.Contains("   30 |", plain);
        Assert.Contains("   70 |", plain);
    }

    [Fact]
    public void Negative_values_extend_the_log_histogram_below_zero()
    {
        var histogram = new Log2Histogram();
        histogram.Add(-6);
        histogram.Add(3);
        string text = StapHistogramText.Format(histogram);
        Assert.Contains("   -4 |@", text);
        Assert.Contains("    2 |@", text);
        Assert.Contains("   -8 |", text);
    }

    [Fact]
    public void Empty_histogram_prints_nothing()
    {
        Assert.Equal("", StapHistogramText.Format(new Log2Histogram()));
    }
}
