using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using StapSharp.Runtime.Aggregation;
using StapSharp.Runtime.Fleet;
using StapSharp.Runtime.Rendering;

namespace StapSharp.Cli.Aggregate;

/// <summary>
/// What an <see cref="EventAggregator"/> shows: the groups as a top table (one column per group field, then
/// count and share, and sum/avg/min/max of the value field or its exact percentiles), the value field's
/// histogram, and the counts of the events of other types. Grouped by host, each host's top groups come first (hosts by name),
/// then the top groups over every host (merged from the hosts' groups); a fleet's report ends with what each host sent.
/// </summary>
internal static class AggregateReport
{
    /// <summary>The host cell of the rows over every host.</summary>
    public const string AllHosts = "(all hosts)";

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

        if (aggregator.Hosts.Count > 0)
        {
            text += ConsoleText.Render(HostTable(aggregator.Hosts), width);
        }

        return text.ReplaceLineEndings("\n");
    }

    private static Table Table(EventAggregator aggregator, int? rows)
    {
        var plan = aggregator.Plan;
        var groups = aggregator.Groups;
        var table = aggregator.ByHost is { } byHost
            ? TopTableRenderer.Render(
                byHost.Hosts.OrderBy(h => h.Host, StringComparer.Ordinal).SelectMany(h => Top(h.Groups, rows).Select(g => KeyValuePair.Create((h.Host, g.Key), g.Value)))
                    .Concat(Top(groups, rows).Select(g => KeyValuePair.Create((Host: AllHosts, g.Key), g.Value))),
                [AggregatePlan.HostField, .. plan.GroupFields], key => [key.Host, .. key.Key.Cells()], Columns(plan), totalCount: aggregator.All.Count)
            : TopTableRenderer.Render(Top(groups, rows), plan.GroupFields, key => key.Cells(), Columns(plan), totalCount: aggregator.All.Count);
        var hosts = aggregator.ByHost is { } fleet ? $"{ValueFormat.Integer(fleet.Hosts.Count())} hosts, " : "";
        var caption = string.Create(CultureInfo.InvariantCulture, $"{hosts}{ValueFormat.Integer(groups.Count)} groups, {ValueFormat.Integer(aggregator.All.Count)} events");
        if (aggregator.Others.Count > 0)
        {
            caption += "; other events: " + string.Join(", ", aggregator.Others.Select(o => $"{o.Key} {ValueFormat.Integer(o.Value)}"));
        }

        IReadOnlyList<string> byFields = plan.ByHost ? [AggregatePlan.HostField, .. plan.GroupFields] : plan.GroupFields;
        var by = byFields.Count == 0 ? "" : " by " + string.Join(", ", byFields);
        return table.Title(new TableTitle((plan.ValueField ?? "events") + by)).Caption(new TableTitle(caption));
    }

    /// <summary>The <paramref name="rows"/> groups with the most events (all of them when null).</summary>
    private static List<KeyValuePair<GroupKey, StatAggregate>> Top(GroupedAggregation<GroupKey> groups, int? rows) =>
        groups.Top(Math.Min(rows ?? int.MaxValue, Math.Max(groups.Count, 1)), a => a.Count);

    /// <summary>Per host: the clock offset applied, what it sent, what it lost, SystemTap's warnings, and how its output ended.</summary>
    private static Table HostTable(IReadOnlyList<FleetHostReport> hosts)
    {
        var table = new Table().Border(TableBorder.Rounded).BorderColor(Color.Grey).Title(new TableTitle("hosts"));
        table.AddColumn(new TableColumn(AggregatePlan.HostField).NoWrap());
        foreach (var heading in new[] { "clock offset (ns)", "events", "dropped", "warnings", "late" })
        {
            table.AddColumn(new TableColumn(heading).RightAligned().NoWrap());
        }

        table.AddColumn(new TableColumn("output"));
        foreach (var host in hosts)
        {
            var ended = host.Fault is { } fault ? $"failed: {fault}" : host.Ended ? "ended" : "stopped";
            table.AddRow(new Text(host.Name), new Text(host.ClockOffsetNs.ToString("N0", CultureInfo.InvariantCulture)), new Text(ValueFormat.Integer(host.Events)),
                new Text(ValueFormat.Integer(host.Dropped)), new Text(ValueFormat.Integer(host.Warnings)), new Text(ValueFormat.Integer(host.Late)), new Text(ended));
        }

        return table;
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

    /// <summary>The histogram the report shows: the linear one when --histogram-linear asked for it, else the log2 one.</summary>
    public static IHistogram Histogram(EventAggregator aggregator) => (IHistogram?)aggregator.All.Linear ?? aggregator.All.Log2;
}
