using System.CommandLine;
using System.Net;
using StapSharp.Cli.Aggregate;
using StapSharp.Cli.Commands;

namespace StapSharp.Cli.Metrics;

/// <summary>The options of `stapsharp run` that export the aggregates to metric systems while the run goes on.</summary>
internal sealed class MetricsCommandLine
{
    public Option<IPEndPoint?> ServeMetrics { get; } = new("--serve-metrics")
    {
        Description = "[HOST:]PORT: serve the aggregates at http://HOST:PORT/metrics for Prometheus to scrape while the run goes on " +
                      "(a bare PORT listens on 127.0.0.1 only; 0.0.0.0:PORT on every interface)",
        CustomParser = result =>
        {
            var endpoint = result.Tokens is [var token] ? MetricsEndpoint.Parse(token.Value) : null;
            if (endpoint is null)
            {
                result.AddError(MetricsEndpoint.Usage);
            }

            return endpoint;
        },
    };

    public Option<Uri?> Otlp { get; } = new("--otlp")
    {
        Description = "URL: export the aggregates as OpenTelemetry metrics (OTLP http/protobuf) to the collector at URL (its base, " +
                      "e.g. http://localhost:4318; /v1/metrics is added), every 10 s (OTEL_METRIC_EXPORT_INTERVAL) and when the run ends",
        CustomParser = result =>
        {
            var endpoint = result.Tokens is [var token] ? OtlpExport.Endpoint(token.Value) : null;
            if (endpoint is null)
            {
                result.AddError(OtlpExport.Usage);
            }

            return endpoint;
        },
    };

    /// <summary>Adds the options to <paramref name="run"/>: each exports what <paramref name="aggregate"/>'s options aggregate, so it needs one of them.</summary>
    public void AddTo(Command run, AggregateCommandLine aggregate)
    {
        run.Options.Add(ServeMetrics);
        run.Options.Add(Otlp);
        foreach (var export in new Option[] { ServeMetrics, Otlp })
        {
            run.Validators.Add(result =>
            {
                if (OptionRules.Given(result, export) && !new Option[] { aggregate.GroupBy, aggregate.Percentiles, aggregate.Histogram }.Any(o => OptionRules.Given(result, o)))
                {
                    result.AddError($"{export.Name} exports the aggregates of --group-by, --percentiles or --histogram: give one of them " +
                                    "(--group-by FIELD counts the events per value of FIELD)");
                }
            });
        }
    }
}
