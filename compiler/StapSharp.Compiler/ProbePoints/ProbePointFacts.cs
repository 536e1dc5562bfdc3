namespace StapSharp.Compiler.ProbePoints;

/// <summary>What a <c>procfs</c> probe does with the file's <c>$value</c>.</summary>
public enum ProcfsAccess
{
    /// <summary>Not a procfs probe: no <c>$value</c> of a file.</summary>
    None,

    /// <summary><c>procfs("name").read</c>: the probe sets <c>$value</c>, what a reader of the file gets.</summary>
    Read,

    /// <summary><c>procfs("name").write</c>: the probe reads <c>$value</c>, what a writer wrote to the file.</summary>
    Write,

    /// <summary>A list of both: stap lets such a probe neither set nor read <c>$value</c>.</summary>
    Mixed,
}

/// <summary>
/// What a probe point's text says about when it fires, read from its parsed form: the one place the translator and
/// the analyzers ask "is this a return probe", "where is its entry" and "is this a procfs file".
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

    /// <summary>
    /// What the points do with a procfs file's <c>$value</c>: <see cref="ProcfsAccess.Read"/> when every point is a
    /// <c>procfs[("name")][.umask(N)].read[.maxsize(N)]</c>, <see cref="ProcfsAccess.Write"/> when every one is a
    /// <c>.write</c>, <see cref="ProcfsAccess.Mixed"/> for both; <see cref="ProcfsAccess.None"/> when any point is
    /// something else (a brace group included: it is not read here).
    /// </summary>
    public static ProcfsAccess ProcfsAccessOf(IReadOnlyList<ProbePoint> points)
    {
        var accesses = points.Select(ProcfsAccessOf).Distinct().ToList();
        return accesses switch
        {
            [var single] => single,
            _ when accesses.Count == 0 || accesses.Contains(ProcfsAccess.None) => ProcfsAccess.None,
            _ => ProcfsAccess.Mixed,
        };
    }

    private static ProcfsAccess ProcfsAccessOf(ProbePoint point)
    {
        // The tapset's alias for its Prometheus exporter file: procfs("__prometheus").read (tapset/prometheus.stp).
        if (point.Components is [NamedComponent { Name: "prometheus", Argument: null }])
        {
            return ProcfsAccess.Read;
        }

        if (point.Components is not [NamedComponent { Name: "procfs" }, ..] || point.Components.Any(c => c is not NamedComponent))
        {
            return ProcfsAccess.None;
        }

        var names = point.ComponentNames.Skip(1).ToList();
        return names.Contains("read", StringComparer.Ordinal) ? ProcfsAccess.Read
            : names.Contains("write", StringComparer.Ordinal) ? ProcfsAccess.Write
            : ProcfsAccess.None;
    }
}
