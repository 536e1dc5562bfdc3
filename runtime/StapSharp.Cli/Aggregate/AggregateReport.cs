using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using StapSharp.Runtime.Aggregation;
using StapSharp.Runtime.Rendering;

namespace StapSharp.Cli.Aggregate;

/// <summary>
/// What an <see cref="EventAggregator"/> shows: the groups as a top table (one column per group field, then
/// count and share, and sum/avg/min/max of the value field or its exact percentiles), the value field's
/// histogram, and the counts of the events of other types.
/// </summary>
internal static class AggregateReport
{
    /// <summary>The percentiles --percentiles shows, besides max.</summary>
    public static IReadOnlyList<double> Percentiles { get; } = [50, 90, 99, 99.9];

    /// <summary>The table and the histogram, for the live view (at most <paramref name="rows"/> groups) or the report.</summary>
    public static IRenderable View(EventAggregator aggregator, int? rows)
    {
        var parts = new List<IRenderable> { Table(aggregator, rows) };
        if (aggregator.Plan.Histogram && aggregator.All.Count > 0)
        {
            parts.Add(HistogramRenderer.Render(Histogram(aggregator), aggregator.Plan.ValueField));
        }

        return new Rows(parts);
    }

    /// <summary>
    /// The final report as plain text: the table laid out for <paramref name="width"/> columns, then the histogram
    /// exactly as stap prints <c>@hist_log</c>/<c>@hist_linear</c>, then the other events' counts.
    /// </summary>
    public static string Text(EventAggregator aggregator, int width = 100)
    {
        var text = ConsoleText.Render(Table(aggregator, aggregator.Plan.Top), width);
        if (aggregator.Plan.Histogram)
        {
            text += $"{aggregator.Plan.ValueField}:\n" + (aggregator.All.Count == 0 ? "(no values)\n" : StapHistogramText.Format(Histogram(aggregator)));
        }

        return text.ReplaceLineEndings("\n");
    }

    private static Table Table(EventAggregator aggregator, int? rows)
    {
        var plan = aggregator.Plan;
        var groups = aggregator.Groups;
        var shown = groups.Top(Math.Min(rows ?? int.MaxValue, Math.Max(groups.Count, 1)), a => a.Count);
        var table = TopTableRenderer.Render(shown, plan.GroupFields, key => key.Cells(), Columns(plan), totalCount: aggregator.All.Count);
        var caption = string.Create(CultureInfo.InvariantCulture, $"{ValueFormat.Integer(groups.Count)} groups, {ValueFormat.Integer(aggregator.All.Count)} events");
        if (aggregator.Others.Count > 0)
        {
            caption += "; other events: " + string.Join(", ", aggregator.Others.Select(o => $"{o.Key} {ValueFormat.Integer(o.Value)}"));
        }

        var by = plan.GroupFields.Count == 0 ? "" : " by " + string.Join(", ", plan.GroupFields);
        return table.Title(new TableTitle((plan.ValueField ?? "events") + by)).Caption(new TableTitle(caption));
    }

    private static IReadOnlyList<TopTableColumn> Columns(AggregatePlan plan)
    {
        if (plan.ValueField is null)
        {
            return [TopTableColumn.Count, TopTableColumn.Share];
        }

        if (plan.Percentiles)
        {
            return [TopTableColumn.Count, TopTableColumn.Share, .. Percentiles.Select(TopTableColumn.Percentile), TopTableColumn.Max];
        }

        return [TopTableColumn.Count, TopTableColumn.Share, TopTableColumn.Sum, TopTableColumn.Average, TopTableColumn.Min, TopTableColumn.Max];
    }

    private static IHistogram Histogram(EventAggregator aggregator) => (IHistogram?)aggregator.All.Linear ?? aggregator.All.Log2;
}
