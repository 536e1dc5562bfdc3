using StapSharp.Runtime.Sessions;

namespace StapSharp.Runtime.Fleet;

/// <summary>One item of a fleet's merged stream: a host's <see cref="RunItem"/>, and where it sorts.</summary>
/// <param name="Host">The host's name.</param>
/// <param name="HostIndex">The host's position in the fleet (ties between hosts keep this order).</param>
/// <param name="TimestampNs">
/// An event's timestamp on this machine's clock (its own <see cref="RunItem.TimestampNs"/> plus the host's clock offset).
/// Any other item sorts with the host's event before it (<see cref="long.MinValue"/> before its first).
/// </param>
/// <param name="Item">What the host produced.</param>
/// <param name="Late">
/// It arrived after the merge had already handed out a later timestamp (only with <see cref="FleetMergeOptions.Lateness"/>):
/// out of order, but not lost.
/// </param>
public readonly record struct FleetItem(string Host, int HostIndex, long TimestampNs, RunItem Item, bool Late);
