using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using StapSharp.Runtime.Aggregation;

namespace StapSharp.Runtime.Rendering;

/// <summary>One statistic column of a <see cref="TopTableRenderer"/> table: its heading, and its cell for a group.</summary>
/// <param name="Heading">The column heading.</param>
/// <param name="Cell">The cell text for a group, given the share denominator (all events) and the value format.</param>
/// <param name="Style">The cell style; plain when null.</param>
public sealed record TopTableColumn(string Heading, Func<StatAggregate, long, Func<long, string>, string> Cell, Style? Style = null)
{
    /// <summary>The group's number of values.</summary>
    public static TopTableColumn Count { get; } = new("count", (a, _, _) => ValueFormat.Integer(a.Count));

    /// <summary>The group's share of all events ("% of events", not of time).</summary>
    public static TopTableColumn Share { get; } = new("% of events",
        (a, total, _) => ((total == 0 ? 0 : (double)a.Count / total) * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%", new Style(Color.SteelBlue1));

    /// <summary>stap's <c>@sum</c>.</summary>
    public static TopTableColumn Sum { get; } = new("sum", (a, _, format) => format(a.Stats.Sum));

    /// <summary>stap's <c>@avg</c>.</summary>
    public static TopTableColumn Average { get; } = new("avg", (a, _, format) => format(a.Stats.Average));

    /// <summary>stap's <c>@min</c>.</summary>
    public static TopTableColumn Min { get; } = new("min", (a, _, format) => format(a.Stats.Min));

    /// <summary>stap's <c>@max</c>.</summary>
    public static TopTableColumn Max { get; } = new("max", (a, _, format) => format(a.Stats.Max));

    /// <summary>The exact nearest-rank percentile (needs kept samples): "p50", "p99.9".</summary>
    public static TopTableColumn Percentile(double percent) => new(
        "p" + percent.ToString(CultureInfo.InvariantCulture), (a, _, format) => format(a.Percentile(percent)),
        percent >= 99 ? new Style(Color.Orange1) : (Style?)null);
}

/// <summary>
/// A top-N table of grouped statistics (the classic "top syscalls by count" report): rank, key
/// column(s), then statistic columns; by default count with its share of all events ("% of events", not of time), average, then p50, p99 and max when samples are kept or min and
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
        var list = rows.ToList();
        bool percentiles = list.Count > 0 && list.All(r => r.Value.Samples is not null);
        TopTableColumn[] columns = percentiles
            ? [TopTableColumn.Count, TopTableColumn.Share, TopTableColumn.Average, TopTableColumn.Percentile(50), TopTableColumn.Percentile(99), TopTableColumn.Max]
            : [TopTableColumn.Count, TopTableColumn.Share, TopTableColumn.Average, TopTableColumn.Min, TopTableColumn.Max];
        return Render(list, [keyHeader], key => [key?.ToString() ?? ""], columns, formatValue, totalCount);
    }

    /// <summary>Builds the table with one column per key part and the given statistic columns.</summary>
    /// <param name="rows">Key and aggregate per row, in the desired order.</param>
    /// <param name="keyHeaders">Heading of each key column.</param>
    /// <param name="keyCells">The key's text in each key column (as many as <paramref name="keyHeaders"/>).</param>
    /// <param name="columns">The statistic columns after the key columns.</param>
    /// <param name="formatValue">Formats values (durations, sizes); plain integers when null.</param>
    /// <param name="totalCount">All events across every group, for the share column; the rows' sum when null.</param>
    public static Table Render<TKey>(
        IEnumerable<KeyValuePair<TKey, StatAggregate>> rows, IReadOnlyList<string> keyHeaders, Func<TKey, IReadOnlyList<string>> keyCells,
        IReadOnlyList<TopTableColumn> columns, Func<long, string>? formatValue = null, long? totalCount = null)
    {
        formatValue ??= ValueFormat.Integer;
        var list = rows.ToList();
        long total = totalCount ?? list.Sum(r => r.Value.Count);

        var table = new Table().Border(TableBorder.Rounded).BorderColor(Color.Grey);
        table.AddColumn(new TableColumn("#").RightAligned());
        foreach (string heading in keyHeaders)
        {
            table.AddColumn(new TableColumn(heading).NoWrap());
        }

        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(column.Heading).RightAligned().NoWrap());
        }

        int rank = 0;
        foreach (var (key, aggregate) in list)
        {
            var cells = new List<IRenderable> { new Text((++rank).ToString(CultureInfo.InvariantCulture)) };
            var keyTexts = keyCells(key);
            for (int i = 0; i < keyHeaders.Count; i++)
            {
                cells.Add(new Text(i < keyTexts.Count ? keyTexts[i] : "", new Style(decoration: Decoration.Bold)));
            }

            foreach (var column in columns)
            {
                cells.Add(new Text(column.Cell(aggregate, total, formatValue), column.Style ?? Style.Plain));
            }

            table.AddRow(cells);
        }
        return table;
    }
}
