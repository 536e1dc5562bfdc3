using System.Globalization;
using StapSharp.Runtime.Fleet;

namespace StapSharp.Runtime.Remote;

/// <summary>Where a host dropped out of a fleet run.</summary>
public enum HostStage
{
    /// <summary>ssh could not reach it, or it has no stapsh.</summary>
    Connect,
    /// <summary>The module for its kernel release did not build.</summary>
    Build,
    /// <summary>stapsh refused the module or could not start staprun.</summary>
    Start,
    /// <summary>The run broke off: the connection was lost or staprun failed.</summary>
    Run,
}

/// <summary>Why one host dropped out; the other hosts go on.</summary>
/// <param name="Reason">One or more lines of plain words (ssh's or staprun's own message included).</param>
public sealed record HostFault(HostStage Stage, string Reason)
{
    /// <summary>"connect: ssh: connect to host ... refused".</summary>
    public override string ToString() => $"{Stage.ToString().ToLowerInvariant()}: {Reason}";
}

/// <summary>One remote host's part of a fleet run, for the summary at the end.</summary>
/// <param name="Host">The host.</param>
/// <param name="Release">Its kernel release; null when it was never reached.</param>
/// <param name="Clock">Its clock against this one, as measured; null when it was never reached.</param>
/// <param name="Merged">
/// What the merge took from it (events, late events, clock offset applied) and the host's own counts (its drops:
/// <see cref="FleetHostReport.Dropped"/>); null when it never ran.
/// </param>
/// <param name="Warnings">SystemTap's warnings there.</param>
/// <param name="ExitCode">staprun's exit code there; null when it did not run to its end.</param>
/// <param name="Fault">Why it dropped out; null when it ran to its end.</param>
public sealed record RemoteHostReport(
    RemoteHost Host, string? Release, ClockOffset? Clock, FleetHostReport? Merged, long Warnings, int? ExitCode, HostFault? Fault)
{
    /// <summary>
    /// One summary line: "root@h:2222: 6.1.0-57-amd64, clock +1.2 ms ± 0.3 ms, 120 events, 0 drops, 0 warnings, 0 late, exit code 0".
    /// </summary>
    public string Summary =>
        string.Create(CultureInfo.InvariantCulture,
            $"{Host.Name}: {Release ?? "release unknown"}, clock {Clock?.ToString() ?? "unknown"}, {Merged?.Events ?? 0} events, {Merged?.Dropped ?? 0} drops, {Warnings} warnings, {Merged?.Late ?? 0} late, ") +
        (Fault is { } fault ? "FAILED " + fault : $"exit code {ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "none"}");
}
