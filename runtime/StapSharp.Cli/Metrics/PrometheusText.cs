using System.Globalization;
using System.Text;
using StapSharp.Cli.Aggregate;
using StapSharp.Runtime.Aggregation;

namespace StapSharp.Cli.Metrics;

/// <summary>
/// The aggregates of a run in the Prometheus text exposition format (version 0.0.4), as <c>--serve-metrics</c> serves
/// them. Per group (labelled by the <c>--group-by</c> fields, see <see cref="AggregateSeries"/>):
/// <c>stapsharp_events_total</c> and, with a value field V, <c>stapsharp_V_sum_total</c> (counters);
/// with <c>--percentiles V</c> the summary <c>stapsharp_V_percentiles</c> (quantiles 0.5, 0.9, 0.99, 0.999 and 1, the max).
/// Over every aggregated event, <c>--histogram V</c> is the histogram <c>stapsharp_V</c> with one cumulative <c>le</c>
/// bucket per bucket of the report's histogram (every bucket, empty or not, so scrapes always have the same set).
/// Events of other types are counted in <c>stapsharp_other_events_total{event="Type"}</c>.
/// </summary>
internal static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>The exposition text of the aggregates as they are now (it takes the aggregator's lock while it reads them).</summary>
    public static string Render(EventAggregator aggregator)
    {
        lock (aggregator.Gate)
        {
            return Write(aggregator);
        }
    }

    private static string Write(EventAggregator aggregator)
    {
        var plan = aggregator.Plan;
        var text = new StringBuilder();
        var taken = new HashSet<string>(StringComparer.Ordinal) { "le", "quantile" };
        var labels = AggregateSeries.Fields(plan).Select(f => MetricNames.Label(f, taken)).ToArray();
        var groups = AggregateSeries.Groups(aggregator);
        var by = labels.Length == 0 ? "" : " by " + string.Join(", ", AggregateSeries.Fields(plan));

        var events = MetricNames.Prefix + "events_total";
        Family(text, events, "counter", "Events aggregated" + by);
        foreach (var group in groups)
        {
            Sample(text, events, labels, group.Values, group.Aggregate.Count);
        }

        if (plan.ValueField is { } field)
        {
            var name = MetricNames.Prefix + MetricNames.Metric(field);
            Family(text, name + "_sum_total", "counter", $"Sum of {field}" + by);
            foreach (var group in groups)
            {
                Sample(text, name + "_sum_total", labels, group.Values, group.Aggregate.Stats.Sum);
            }

            if (plan.Percentiles)
            {
                Summary(text, name + "_percentiles", $"Exact percentiles of {field}" + by, labels, groups);
            }

            if (plan.Histogram)
            {
                Histogram(text, name, field, aggregator);
            }
        }

        var others = MetricNames.Prefix + "other_events_total";
        Family(text, others, "counter", "Events of the types that lack the aggregated fields, per type");
        foreach (var (type, count) in aggregator.Others)
        {
            Sample(text, others, ["event"], [type], count);
        }

        return text.ToString();
    }

    private static void Summary(StringBuilder text, string name, string help, string[] labels, IReadOnlyList<GroupSeries> groups)
    {
        Family(text, name, "summary", help);
        string[] withQuantile = [.. labels, "quantile"];
        foreach (var group in groups.Where(g => g.Aggregate.Count > 0))
        {
            foreach (var percent in AggregateReport.Percentiles.Append(100))
            {
                var quantile = ((decimal)percent / 100).ToString(CultureInfo.InvariantCulture);
                Sample(text, name, withQuantile, [.. group.Values, quantile], group.Aggregate.Percentile(percent));
            }

            Sample(text, name + "_sum", labels, group.Values, group.Aggregate.Stats.Sum);
            Sample(text, name + "_count", labels, group.Values, group.Aggregate.Count);
        }
    }

    private static void Histogram(StringBuilder text, string name, string field, EventAggregator aggregator)
    {
        var all = aggregator.All;
        Family(text, name, "histogram", $"{field} over every aggregated event");
        foreach (var (upperBound, cumulative) in CumulativeBuckets(AggregateReport.Histogram(aggregator)))
        {
            Sample(text, name + "_bucket", ["le"], [upperBound.ToString(CultureInfo.InvariantCulture)], cumulative);
        }

        Sample(text, name + "_bucket", ["le"], ["+Inf"], all.Count);
        Sample(text, name + "_sum", [], [], all.Stats.Sum);
        Sample(text, name + "_count", [], [], all.Count);
    }

    /// <summary>
    /// Each bucket of <paramref name="histogram"/> as its inclusive upper bound and the count of values up to it; the last
    /// bucket, which ends at long's maximum, is the <c>+Inf</c> bucket's.
    /// </summary>
    public static IEnumerable<(long UpperBound, long Cumulative)> CumulativeBuckets(IHistogram histogram)
    {
        var cumulative = 0L;
        foreach (var bucket in histogram.Buckets)
        {
            cumulative += bucket.Count;
            if (bucket.High != long.MaxValue)
            {
                yield return (bucket.High, cumulative);
            }
        }
    }

    private static void Family(StringBuilder text, string name, string type, string help)
    {
        text.Append("# HELP ").Append(name).Append(' ').Append(MetricNames.EscapeHelp(help)).Append('\n');
        text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
    }

    private static void Sample(StringBuilder text, string name, IReadOnlyList<string> labels, IReadOnlyList<string> values, long value)
    {
        text.Append(name);
        if (labels.Count > 0)
        {
            text.Append('{');
            for (var i = 0; i < labels.Count; i++)
            {
                text.Append(i == 0 ? "" : ",").Append(labels[i]).Append("=\"").Append(MetricNames.EscapeLabelValue(values[i])).Append('"');
            }

            text.Append('}');
        }

        text.Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }
}
