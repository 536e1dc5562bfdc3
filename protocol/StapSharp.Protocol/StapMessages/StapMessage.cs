namespace StapSharp.Protocol.StapMessages;

/// <summary>What a message from the SystemTap runtime (the module, stapio or staprun) reports.</summary>
public enum StapMessageKind
{
    /// <summary>"ERROR: Array overflow, check MAXMAPENTRIES" (or "check size limit (N)"): a map was full.</summary>
    MapOverflow,
    /// <summary>"ERROR: MAXACTION exceeded": one probe ran more statements than allowed.</summary>
    ActionLimitExceeded,
    /// <summary>"ERROR: probe overhead (N cycles) exceeded threshold (M cycles) in last K cycles".</summary>
    ProbeOverhead,
    /// <summary>"ERROR: Skipped too many probes, check MAXSKIPPED ...".</summary>
    TooManySkippedProbes,
    /// <summary>"WARNING: Number of errors: N, skipped probes: M", printed when the module unloads.</summary>
    ErrorSummary,
    /// <summary>"WARNING: There were N transport failures. ...": output records were lost.</summary>
    TransportFailures,
    /// <summary>"ERROR: Couldn't insert module '...': reason" from staprun.</summary>
    ModuleLoadFailed,
    /// <summary>Any other "ERROR: message near TOKEN at FILE:LINE:COL" raised by a probe (division by 0, ...).</summary>
    ProbeError,
    /// <summary>Any other "ERROR: ..." line.</summary>
    OtherError,
    /// <summary>Any other "WARNING: ..." line.</summary>
    OtherWarning,
}

/// <summary>A place in the generated .stp script, as stap prints it (<c>FILE:LINE:COL</c>).</summary>
public sealed record StapScriptLocation(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}

/// <summary>
/// One warning or error line from the SystemTap runtime, classified. <see cref="Text"/> is the line as
/// it arrived; the other members are what could be read from it.
/// </summary>
public sealed record StapMessage(StapMessageKind Kind, string Text)
{
    /// <summary>True for "ERROR:" lines, false for "WARNING:" lines.</summary>
    public bool IsError { get; init; }

    /// <summary>The message without its "ERROR: " / "WARNING: " prefix and without the "near ..." part.</summary>
    public string Detail { get; init; } = "";

    /// <summary>What the failing statement started with, as stap names it: <c>identifier 'm'</c>, <c>operator '/'</c>, <c>keyword</c>.</summary>
    public string? NearToken { get; init; }

    /// <summary>Where in the .stp script the failing statement is.</summary>
    public StapScriptLocation? Location { get; init; }

    /// <summary><see cref="StapMessageKind.ErrorSummary"/>: the number of probe errors.</summary>
    public int? ErrorCount { get; init; }

    /// <summary><see cref="StapMessageKind.ErrorSummary"/>: the number of skipped probe hits.</summary>
    public int? SkippedProbeCount { get; init; }

    /// <summary><see cref="StapMessageKind.TransportFailures"/>: how many output records were lost.</summary>
    public int? TransportFailureCount { get; init; }

    /// <summary><see cref="StapMessageKind.MapOverflow"/>: the map's own size limit; null when MAXMAPENTRIES applied.</summary>
    public long? MapSizeLimit { get; init; }

    /// <summary>What to do about it, in StapSharp's terms; null when there is nothing specific to say.</summary>
    public string? Advice => Kind switch
    {
        StapMessageKind.MapOverflow =>
            "a map was full: give it room with new StapMap<K, V>(maxEntries: N), or wrap: true to overwrite the oldest entries",
        StapMessageKind.ActionLimitExceeded =>
            "one probe hit ran more statements than stap allows (MAXACTION, 1000 by default): bound its loops, or move the work to an end probe",
        StapMessageKind.ProbeOverhead =>
            "the probes used too much CPU time: probe a narrower point or do less in each hit",
        StapMessageKind.TooManySkippedProbes =>
            "too many probe hits were skipped (lock contention or reentrancy): probe less often",
        StapMessageKind.TransportFailures =>
            "output was lost because the output buffer was full: print less, or aggregate in maps and print at the end",
        StapMessageKind.ErrorSummary when SkippedProbeCount > 0 =>
            "skipped probe hits saw nothing: their events are missing from the output",
        _ => null,
    };
}
