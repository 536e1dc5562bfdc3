using StapSharp.Cli.Aggregate;
using StapSharp.Cli.Output;
using StapSharp.Runtime.Aggregation;

namespace StapSharp.Cli.Metrics;

/// <summary>One group of the aggregation as a metric series: its label values (in the order of <see cref="AggregateSeries.Fields"/>) and its numbers.</summary>
internal sealed record GroupSeries(IReadOnlyList<string> Values, StatAggregate Aggregate);

/// <summary>
/// The groups of an <see cref="EventAggregator"/> as the metric endpoints export them: one series per group, labelled by
/// the <c>--group-by</c> fields. Grouped by host, each host's groups are its own series with the host as a label (a
/// total over the hosts is the metric backend's sum, so it is not exported twice). The caller holds <see cref="EventAggregator.Gate"/>.
/// </summary>
internal static class AggregateSeries
{
    /// <summary>The label fields: <c>host</c> first when grouping by host, then the group fields.</summary>
    public static IReadOnlyList<string> Fields(AggregatePlan plan) =>
        plan.ByHost ? [AggregatePlan.HostField, .. plan.GroupFields] : plan.GroupFields;

    /// <summary>Every series, read at once (the caller still holds the lock while it uses their aggregates).</summary>
    public static IReadOnlyList<GroupSeries> Groups(EventAggregator aggregator)
    {
        if (aggregator.ByHost is { } byHost)
        {
            return byHost.Hosts.SelectMany(h => h.Groups.Groups.Select(g => new GroupSeries([h.Host, .. Values(g.Key)], g.Value))).ToList();
        }

        return aggregator.Groups.Groups.Select(g => new GroupSeries(Values(g.Key), g.Value)).ToList();
    }

    private static string[] Values(GroupKey key) => key.Parts.Select(EventValueText.Plain).ToArray();
}
