using System.Diagnostics.Metrics;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using StapSharp.Cli.Aggregate;

namespace StapSharp.Cli.Metrics;

/// <summary>
/// <c>--otlp URL</c>: the aggregates as OpenTelemetry metrics, exported with the SDK's OTLP exporter (http/protobuf) to
/// URL/v1/metrics periodically and once more when the run ends. The same numbers as <see cref="PrometheusText"/>:
/// per group (attributes: the <c>--group-by</c> fields by their names) the counters <c>stapsharp.events</c> and
/// <c>stapsharp.V.sum</c>, with <c>--percentiles V</c> the gauge <c>stapsharp.V.percentile</c> (attribute
/// <c>stapsharp.quantile</c>: 0.5, 0.9, 0.99, 0.999, 1); with <c>--histogram V</c> the histogram <c>stapsharp.V</c>
/// over every event, its bounds those of the report's buckets; <c>stapsharp.other_events</c> per type.
/// Events themselves are not exported: a probe emits up to hundreds of thousands a second, which the SDK's log
/// pipeline would drop past its queue; their aggregates are what a dashboard plots (the events go to jsonl or csv).
/// </summary>
internal sealed class OtlpExport : IDisposable
{
    public const string Usage = "--otlp takes the URL of an OTLP collector's http endpoint: http://HOST:PORT (usually port 4318) or https://...";

    /// <summary>The instrumentation scope of the metrics.</summary>
    public const string MeterName = "StapSharp";

    /// <summary>The export period when OTEL_METRIC_EXPORT_INTERVAL does not set one: about as often as a dashboard refreshes.</summary>
    private const int DefaultIntervalMilliseconds = 10_000;

    private const string QuantileKey = "stapsharp.quantile";
    private const string EventKey = "event";

    private readonly Meter _meter;
    private readonly MeterProvider _provider;
    private readonly EventAggregator _aggregator;

    private OtlpExport(Uri endpoint, EventAggregator aggregator)
    {
        _aggregator = aggregator;
        _meter = new Meter(MeterName);
        var plan = aggregator.Plan;
        var builder = Sdk.CreateMeterProviderBuilder()
            .ConfigureResource(resource => resource.AddService(ToolName.Value))
            .AddMeter(MeterName);
        _meter.CreateObservableCounter("stapsharp.events", () => PerGroup(g => g.Aggregate.Count), "{event}", "Events aggregated, per group");
        if (plan.ValueField is { } field)
        {
            var name = "stapsharp." + MetricNames.Instrument(field);
            _meter.CreateObservableCounter(name + ".sum", () => PerGroup(g => g.Aggregate.Stats.Sum), null, $"Sum of {field}, per group");
            if (plan.Percentiles)
            {
                _meter.CreateObservableGauge(name + ".percentile", Percentiles, null, $"Exact percentiles of {field}, per group");
            }

            if (plan.Histogram)
            {
                var histogram = _meter.CreateHistogram<long>(name, null, $"{field} over every aggregated event");
                var bounds = PrometheusText.CumulativeBuckets(AggregateReport.Histogram(aggregator)).Select(b => (double)b.UpperBound).ToArray();
                builder.AddView(name, new ExplicitBucketHistogramConfiguration { Boundaries = bounds });
                aggregator.ValueAdded = value => histogram.Record(value);
            }
        }

        _meter.CreateObservableCounter("stapsharp.other_events", OtherEvents, "{event}", "Events of the types that lack the aggregated fields, per type");
        _provider = builder.AddOtlpExporter((exporter, reader) =>
        {
            exporter.Endpoint = endpoint;
            exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
            reader.TemporalityPreference = MetricReaderTemporalityPreference.Cumulative;
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OTEL_METRIC_EXPORT_INTERVAL")))
            {
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = DefaultIntervalMilliseconds;
            }
        }).Build();
    }

    /// <summary>Starts exporting to <paramref name="endpoint"/> (the full URL of the metrics signal, see <see cref="Endpoint"/>).</summary>
    public static OtlpExport Start(Uri endpoint, EventAggregator aggregator) => new(endpoint, aggregator);

    /// <summary>
    /// The metrics URL of a collector's base URL, as OTEL_EXPORTER_OTLP_ENDPOINT takes it (<c>v1/metrics</c> is added to
    /// its path); null for what is not an absolute http or https URL without query or fragment.
    /// </summary>
    public static Uri? Endpoint(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || url.Query.Length > 0 ||
            url.Fragment.Length > 0 || url.UserInfo.Length > 0)
        {
            return null;
        }

        var path = url.AbsolutePath.EndsWith('/') ? url.AbsolutePath : url.AbsolutePath + "/";
        return new UriBuilder(url) { Path = path + "v1/metrics" }.Uri;
    }

    /// <summary>Exports the aggregates once more, as the run left them, and stops.</summary>
    public void Dispose()
    {
        _provider.Dispose();
        _aggregator.ValueAdded = null;
        _meter.Dispose();
    }

    private List<Measurement<long>> PerGroup(Func<GroupSeries, long> value)
    {
        lock (_aggregator.Gate)
        {
            var fields = AggregateSeries.Fields(_aggregator.Plan);
            return AggregateSeries.Groups(_aggregator).Select(g => new Measurement<long>(value(g), Tags(fields, g))).ToList();
        }
    }

    private List<Measurement<long>> Percentiles()
    {
        lock (_aggregator.Gate)
        {
            var fields = AggregateSeries.Fields(_aggregator.Plan);
            return AggregateSeries.Groups(_aggregator).Where(g => g.Aggregate.Count > 0)
                .SelectMany(g => AggregateReport.Percentiles.Append(100).Select(percent => new Measurement<long>(
                    g.Aggregate.Percentile(percent), [.. Tags(fields, g), new(QuantileKey, (double)((decimal)percent / 100))])))
                .ToList();
        }
    }

    private List<Measurement<long>> OtherEvents()
    {
        lock (_aggregator.Gate)
        {
            return _aggregator.Others.Select(o => new Measurement<long>(o.Value, new KeyValuePair<string, object?>(EventKey, o.Key))).ToList();
        }
    }

    private static KeyValuePair<string, object?>[] Tags(IReadOnlyList<string> fields, GroupSeries group) =>
        fields.Select((f, i) => new KeyValuePair<string, object?>(f, group.Values[i])).ToArray();
}
