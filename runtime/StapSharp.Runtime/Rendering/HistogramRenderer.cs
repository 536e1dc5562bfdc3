using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using StapSharp.Runtime.Aggregation;

namespace StapSharp.Runtime.Rendering;

/// <summary>
/// A terminal histogram in the spirit of stap's <c>@hist_log</c> output with more to read: each row
/// shows the bucket's whole range (in a unit of your choice), a bar drawn with eighth-blocks so that
/// small differences show, the count, its share and the cumulative share, so percentiles can be read
/// off directly. Empty stretches are elided like stap does.
/// </summary>
public static class HistogramRenderer
{
    private const int BarWidth = 30;
    private static readonly string[] Eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];

    /// <summary>Builds the table.</summary>
    /// <param name="histogram">A <see cref="Log2Histogram"/> or <see cref="LinearHistogram"/>.</param>
    /// <param name="title">Caption above the table.</param>
    /// <param name="formatValue">Formats bucket bounds (for example <see cref="ValueFormat.Nanoseconds"/>); plain integers when null.</param>
    public static Table Render(IHistogram histogram, string? title = null, Func<long, string>? formatValue = null)
    {
        formatValue ??= ValueFormat.Integer;
        var table = new Table().Border(TableBorder.Rounded).BorderColor(Color.Grey);
        if (title is not null)
        {
            table.Title(new TableTitle(title, new Style(decoration: Decoration.Bold)));
        }

        table.AddColumn(new TableColumn("value").RightAligned().NoWrap());
        table.AddColumn(new TableColumn("distribution").NoWrap());
        table.AddColumn(new TableColumn("count").RightAligned().NoWrap());
        table.AddColumn(new TableColumn("%").RightAligned().NoWrap());
        table.AddColumn(new TableColumn("cum %").RightAligned().NoWrap());

        var rows = HistogramLayout.VisibleRows(histogram);
        long largest = rows.Count == 0 ? 0 : rows.Max(r => r.Bucket.Count);
        long total = histogram.TotalCount;
        long cumulative = histogram.Buckets.TakeWhile(b => rows.Count > 0 && b != rows[0].Bucket).Sum(b => b.Count);
        foreach (var row in rows)
        {
            if (row.IsElision)
            {
                table.AddRow(new Text("~", Dim), Text.Empty, Text.Empty, Text.Empty, Text.Empty);
                continue;
            }
            var bucket = row.Bucket;
            cumulative += bucket.Count;
            double share = total == 0 ? 0 : 100.0 * bucket.Count / total;
            table.AddRow(
                new Text(RangeLabel(bucket, formatValue)),
                new Text(Bar(bucket.Count, largest), BarStyle(bucket.Kind)),
                new Text(ValueFormat.Integer(bucket.Count)),
                new Text(Percent(share), Dim),
                new Text(Percent(100.0 * cumulative / Math.Max(1, total)), Dim));
        }
        table.Caption(new TableTitle($"{ValueFormat.Integer(total)} values", Dim));
        return table;
    }

    /// <summary>A statistics aggregate's log2 histogram, titled with its count, average and percentiles.</summary>
    public static Table Render(StatAggregate aggregate, string name, Func<long, string>? formatValue = null)
    {
        formatValue ??= ValueFormat.Integer;
        var stats = aggregate.Stats;
        string title = $"{name}  min {formatValue(stats.Min)} · avg {formatValue(stats.Average)} · max {formatValue(stats.Max)}";
        if (aggregate.Samples is { Count: > 0 } samples)
        {
            title += $" · p50 {formatValue(samples.Percentile(50))} · p99 {formatValue(samples.Percentile(99))}";
        }

        return Render(aggregate.Log2, title, formatValue);
    }

    /// <summary>The bucket's covered values: "4 – 7", "0", "&lt; 0", "≥ 110".</summary>
    internal static string RangeLabel(HistogramBucket bucket, Func<long, string> formatValue) => bucket.Kind switch
    {
        BucketKind.Underflow => "< " + formatValue(bucket.High + 1),
        BucketKind.Overflow => "≥ " + formatValue(bucket.Low),
        _ when bucket.Low == bucket.High => formatValue(bucket.Low),
        _ => formatValue(bucket.Low) + " – " + formatValue(bucket.High),
    };

    /// <summary>A bar of <see cref="BarWidth"/> cells at full scale, in eighths of a cell; never empty for a non-zero count.</summary>
    internal static string Bar(long count, long largest)
    {
        if (count == 0 || largest == 0)
        {
            return "";
        }

        long eighths = Math.Max(1, (long)Math.Round(8.0 * BarWidth * count / largest));
        return new string('█', (int)(eighths / 8)) + Eighths[eighths % 8];
    }

    private static Style Dim { get; } = new(Color.Grey);

    private static Style BarStyle(BucketKind kind) => kind == BucketKind.Regular ? new Style(Color.SteelBlue1) : new Style(Color.Orange1);

    private static string Percent(double value) => value.ToString(value >= 10 || value == 0 ? "0.0" : "0.00", CultureInfo.InvariantCulture);
}
