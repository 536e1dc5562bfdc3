namespace StapSharp.Compiler.ProbePoints;

/// <summary>
/// What a probe point's text says about when it fires, read from its parsed form: the one place the translator and
/// the analyzers ask "is this a return probe" and "where is its entry".
/// </summary>
public static class ProbePointFacts
{
    /// <summary>Whether every point of <paramref name="text"/> fires when a function returns (it has a <c>return</c> component).</summary>
    public static bool IsReturnPoint(string text) =>
        ProbePointParser.Parse(text).Points is { Points.Count: > 0 } parsed && parsed.Points.All(p => p.HasReturnComponent);

    /// <summary>
    /// The entry point of a return point: each point without its final <c>return</c> component, keeping its
    /// <c>?</c>/<c>!</c> and condition; null when a point does not end in a plain <c>return</c> (such as
    /// <c>.return.maxactive(N)</c>) or the text does not parse.
    /// </summary>
    public static string? EntryPointOf(string returnPoint)
    {
        if (ProbePointParser.Parse(returnPoint).Points is not { Points.Count: > 0 } parsed)
        {
            return null;
        }

        var entries = new List<ProbePoint>();
        foreach (var point in parsed.Points)
        {
            if (point.Components is not [_, .., NamedComponent { Name: "return", Argument: null }])
            {
                return null;
            }

            entries.Add(point with { Components = point.Components.Take(point.Components.Count - 1).ToList() });
        }

        return ProbePointPrinter.Print(new ProbePointList(entries));
    }
}
