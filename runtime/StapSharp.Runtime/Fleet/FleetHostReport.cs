using StapSharp.Runtime.Sessions;

namespace StapSharp.Runtime.Fleet;

/// <summary>What a fleet's merge took from one host.</summary>
/// <param name="Name">The host's name.</param>
/// <param name="ClockOffsetNs">The clock offset applied to its timestamps.</param>
/// <param name="Events">Events handed out.</param>
/// <param name="Dropped">Items dropped on the host because its reader fell behind (its drop items, summed).</param>
/// <param name="Messages">Lines staprun wrote on the host's stderr.</param>
/// <param name="Late">Events handed out after a later timestamp of another host (see <see cref="FleetMergeOptions.Lateness"/>).</param>
/// <param name="Ended">The host's output ended (as opposed to the reader stopping first).</param>
/// <param name="Fault">Why the host's output failed, when it did: the host left the merge, everything it sent before was handed out.</param>
/// <param name="Summary">The host's own counts (SystemTap's warnings and errors, decode errors, lost bytes) once known.</param>
public sealed record FleetHostReport(
    string Name, long ClockOffsetNs, long Events, long Dropped, long Messages, long Late, bool Ended, string? Fault, EventRunSummary? Summary)
{
    /// <summary>SystemTap's warnings on the host (from its <see cref="Summary"/>; 0 when unknown).</summary>
    public long Warnings => Summary?.StapWarnings ?? 0;
}
