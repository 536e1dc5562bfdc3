using StapSharp.Cli.Files;
using StapSharp.Runtime.Rendering;

namespace StapSharp.Cli.Aggregate;

/// <summary><c>--svg FILE</c>: the latency plot of the --percentiles field over every aggregated event.</summary>
internal static class AggregateSvg
{
    /// <summary>The SVG text, or null when no value was recorded (there is nothing to plot).</summary>
    public static string? Render(EventAggregator aggregator) =>
        aggregator.All.Samples is { Count: > 0 } samples
            ? LatencySvgPlot.Render(samples, $"{aggregator.Plan.ValueField} (ns)")
            : null;

    /// <summary>Once the events were aggregated: the plot written to the --svg file, or a notice that there is nothing to plot.</summary>
    public static void Keep(StagedOutput svg, string svgName, EventAggregator aggregator)
    {
        if (Render(aggregator) is { } plot)
        {
            svg.Write(svgName, plot);
            svg.Commit();
        }
        else
        {
            Status.Notice($"--svg: no {aggregator.Plan.ValueField} values were recorded; no plot written");
        }
    }
}
