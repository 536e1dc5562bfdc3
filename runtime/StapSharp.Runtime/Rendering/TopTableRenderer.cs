using Spectre.Console;
using StapSharp.Runtime.Aggregation;

namespace StapSharp.Runtime.Rendering;

/// <summary>
/// A top-N table of grouped statistics (the classic "top syscalls by count" report): rank, key,
/// count with its share of all events ("% of events", not of time), average, then p50, p99 and max when samples are kept or min and
/// max when they are not; sized to fit an 80-column terminal.
/// </summary>
public static class TopTableRenderer
{
    /// <summary>Builds the table from rows already in the desired order (for example <see cref="GroupedAggregation{TKey}.Top"/>).</summary>
    /// <param name="rows">Key and aggregate per row.</param>
    /// <param name="keyHeader">Heading of the key column.</param>
    /// <param name="formatValue">Formats values (durations, sizes); plain integers when null.</param>
    /// <param name="totalCount">All events across every group, for the share column; the rows' sum when null.</param>
    public static Table Render<TKey>(
        IEnumerable<KeyValuePair<TKey, StatAggregate>> rows, string keyHeader, Func<long, string>? formatValue = null, long? totalCount = null)
    {
        formatValue ??= ValueFormat.Integer;
        var list = rows.ToList();
        long total = totalCount ?? list.Sum(r => r.Value.Count);
        bool percentiles = list.Count > 0 && list.All(r => r.Value.Samples is not null);

        var table = new Table().Border(TableBorder.Rounded).BorderColor(Color.Grey);
        table.AddColumn(new TableColumn("#").RightAligned());
        table.AddColumn(new TableColumn(keyHeader).NoWrap());
        foreach (string heading in percentiles ? ["count", "% of events", "avg", "p50", "p99", "max"] : new[] { "count", "% of events", "avg", "min", "max" })
            table.AddColumn(new TableColumn(heading).RightAligned().NoWrap());

        int rank = 0;
        foreach (var (key, aggregate) in list)
        {
            var stats = aggregate.Stats;
            double share = total == 0 ? 0 : (double)aggregate.Count / total;
            var cells = new List<Spectre.Console.Rendering.IRenderable>
            {
                new Text((++rank).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Text(key?.ToString() ?? "", new Style(decoration: Decoration.Bold)),
                new Text(ValueFormat.Integer(aggregate.Count)),
                new Text((share * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%", new Style(Color.SteelBlue1)),
                new Text(formatValue(stats.Average)),
            };
            if (percentiles)
            {
                cells.Add(new Text(formatValue(aggregate.Percentile(50))));
                cells.Add(new Text(formatValue(aggregate.Percentile(99)), new Style(Color.Orange1)));
            }
            else
            {
                cells.Add(new Text(formatValue(stats.Min)));
            }
            cells.Add(new Text(formatValue(stats.Max)));
            table.AddRow(cells);
        }
        return table;
    }
}
