using System.Globalization;
using StapSharp.Runtime.Sessions;

namespace StapSharp.Cli.Output;

/// <summary>
/// The line printed to stderr at the end of a run: events per type (in declaration order, zero counts included),
/// events lost, frames that failed to decode, and SystemTap's warnings and errors.
/// </summary>
internal static class RunSummaryText
{
    /// <summary>"events: A 2, B 0; dropped 0; decode errors 0; stap warnings 0, errors 0".</summary>
    public static string Line(EventRunSummary summary)
    {
        // Types print by their short name: two of the same short name count together.
        var byName = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (type, count) in summary.EventsByType)
        {
            var name = TextEventOutput.ShortName(type);
            byName[name] = byName.GetValueOrDefault(name) + count;
        }

        var events = byName.Count == 0
            ? "no events"
            : "events: " + string.Join(", ", byName.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Key} {e.Value}")));
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{events}; dropped {summary.TotalDropped}; decode errors {summary.DecodeErrors}; stap warnings {summary.StapWarnings}, errors {summary.StapErrors}");
        return summary.DecodeErrorSamples.Count == 0 ? line : $"{line} (first decode error: {summary.DecodeErrorSamples[0]})";
    }

    /// <summary>A run says how it went when it had events, losses or SystemTap messages.</summary>
    public static bool IsWorthPrinting(EventRunSummary summary) =>
        summary.EventsByType.Count > 0 || summary.DecodeErrors > 0 || summary.TotalDropped > 0 || summary.StapWarnings + summary.StapErrors > 0;
}
