using StapSharp.Runtime.Sessions;

namespace StapSharp.Runtime.Fleet;

/// <summary>What a fleet's merge took from one host.</summary>
/// <param name="Name">The host's name.</param>
/// <param name="ClockOffsetNs">The clock offset applied to its timestamps.</param>
/// <param name="Events">Events handed out.</param>
/// <param name="Messages">Lines staprun wrote on the host's stderr.</param>
/// <param name="Late">Events handed out after a later timestamp of another host (see <see cref="FleetMergeOptions.Lateness"/>).</param>
/// <param name="Ended">The host's output ended (as opposed to the reader stopping first).</param>
/// <param name="Fault">Why the host's output failed, when it did: the host left the merge, everything it sent before was handed out.</param>
/// <param name="Summary">The host's own counts (drops, SystemTap's warnings and errors, decode errors, lost bytes) once known.</param>
public sealed record FleetHostReport(
    string Name, long ClockOffsetNs, long Events, long Messages, long Late, bool Ended, string? Fault, EventRunSummary? Summary)
{
    /// <summary>
    /// What the host lost (its <see cref="EventRunSummary.TotalDropped"/>: items its reader dropped, transport failures,
    /// skipped probes); 0 when unknown. The host's session counts its drops; this only reads them.
    /// </summary>
    public long Dropped => Summary?.TotalDropped ?? 0;

    /// <summary>SystemTap's warnings on the host (from its <see cref="Summary"/>; 0 when unknown).</summary>
    public long Warnings => Summary?.StapWarnings ?? 0;
}
