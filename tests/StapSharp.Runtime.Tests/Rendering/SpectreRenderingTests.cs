using StapSharp.Runtime.Aggregation;
using StapSharp.Runtime.Rendering;

namespace StapSharp.Runtime.Tests.Rendering;

public class SpectreRenderingTests
{
    private static string[] Lines(string text) => text.Split('\n').Select(l => l.TrimEnd()).ToArray();

    [Fact]
    public void Histogram_table_lists_bucket_ranges_counts_and_cumulative_shares()
    {
        var histogram = new Log2Histogram();
        histogram.Add(5, 30);   // bucket 4 – 7
        histogram.Add(100, 10); // bucket 64 – 127
        string text = ConsoleText.Render(HistogramRenderer.Render(histogram, "latency"), width: 100);
        var lines = Lines(text);

        Assert.Contains("latency", text);
        string four = Assert.Single(lines, l => l.Contains("4 – 7"));
        Assert.Contains("30", four);
        Assert.Contains("75.0", four);
        Assert.Contains(new string('█', 30), four);
        string sixtyFour = Assert.Single(lines, l => l.Contains("64 – 127"));
        Assert.Contains("10", sixtyFour);
        Assert.Contains("100.0", sixtyFour);
        Assert.Contains(new string('█', 10), sixtyFour);
        Assert.DoesNotContain(new string('█', 11), sixtyFour);
        Assert.Contains("40 values", text);
    }

    [Fact]
    public void Histogram_table_formats_units_and_marks_overflow()
    {
        var histogram = new LinearHistogram(0, 2_000_000, 1_000_000);
        histogram.Add(1_500_000);
        histogram.Add(9_000_000);
        string text = ConsoleText.Render(HistogramRenderer.Render(histogram, formatValue: v => ValueFormat.Nanoseconds(v)), width: 100);
        Assert.Contains("1 ms – 2 ms", text);
        Assert.Contains("≥ 3 ms", text);
    }

    [Fact]
    public void Top_table_has_one_row_per_group_in_the_given_order_with_percentiles()
    {
        var aggregation = new GroupedAggregation<string>();
        for (int i = 1; i <= 100; i++)
        {
            aggregation.Add("read", i * 1000);
        }

        for (int i = 1; i <= 10; i++)
        {
            aggregation.Add("openat", 5_000_000);
        }

        string text = ConsoleText.Render(TopTableRenderer.Render(aggregation.Top(5, a => a.Count), "syscall", v => ValueFormat.Nanoseconds(v)));
        var lines = Lines(text);

        Assert.Contains(lines, l => l.Contains("p99") && l.Contains("syscall"));
        string read = Assert.Single(lines, l => l.Contains("read"));
        string openat = Assert.Single(lines, l => l.Contains("openat"));
        Assert.True(Array.IndexOf(lines, read) < Array.IndexOf(lines, openat));
        Assert.Contains("100", read);
        Assert.Contains("90.9%", read);
        Assert.Contains("50 µs", read);  // p50 of 1..100 µs
        Assert.Contains("99 µs", read);  // p99
        Assert.Contains("5 ms", openat);
    }

    [Theory]
    [InlineData(0, "0 ns")]
    [InlineData(999, "999 ns")]
    [InlineData(1500, "1.5 µs")]
    [InlineData(12_500_000, "12.5 ms")]
    [InlineData(3_000_000_000, "3 s")]
    public void Nanoseconds_are_shown_in_the_largest_fitting_unit(double value, string expected)
    {
        Assert.Equal(expected, ValueFormat.Nanoseconds(value));
    }

    [Fact]
    public void Bytes_use_binary_prefixes()
    {
        Assert.Equal("1.5 MiB", ValueFormat.Bytes(1.5 * (1 << 20)));
        Assert.Equal("512 B", ValueFormat.Bytes(512));
    }

    [Fact]
    public void Top_table_with_several_key_columns_shows_one_column_per_key_part_and_the_chosen_statistics()
    {
        var aggregation = new GroupedAggregation<(long Pid, string Name)>(new AggregateOptions { KeepSamples = false });
        aggregation.Add((7, "read"), 10);
        aggregation.Add((7, "read"), 30);
        aggregation.Add((9, "write"), 5);
        TopTableColumn[] columns = [TopTableColumn.Count, TopTableColumn.Sum, TopTableColumn.Min];

        string text = ConsoleText.Render(
            TopTableRenderer.Render(aggregation.Top(2, a => a.Count), ["pid", "name"], key => [key.Pid.ToString(), key.Name], columns), width: 100);
        var lines = Lines(text);

        Assert.Single(lines, l => l.Contains("pid") && l.Contains("name") && l.Contains("count") && l.Contains("sum") && l.Contains("min") && !l.Contains("avg"));
        string read = Assert.Single(lines, l => l.Contains("read"));
        Assert.Matches(@"│ 1 │ 7 +│ read +│ +2 │ +40 │ +10 │", read);
        Assert.Matches(@"│ 2 │ 9 +│ write +│ +1 │ +5 │ +5 │", Assert.Single(lines, l => l.Contains("write")));
    }
}
