using StapSharp.Runtime.Sessions;

namespace StapSharp.Runtime.Fleet;

/// <summary>
/// One machine of a fleet: its name, how far its clock is from this machine's, and its decoded output. The output
/// is an <see cref="EventSession"/>, so a host's run (<see cref="ScriptSession.OpenEvents"/>) and a replayed capture
/// (<see cref="EventSession.FromCapture"/>) plug in alike.
/// </summary>
public sealed class FleetHost
{
    private readonly Func<EventSelection, CancellationToken, IAsyncEnumerable<RunItem>> _read;

    /// <param name="name">How the host is shown and grouped by (<c>--group-by host</c>); unique within a fleet.</param>
    /// <param name="clockOffsetNs">
    /// Added to the host's timestamps to put them on this machine's clock (this clock minus the host's, in ns).
    /// </param>
    /// <param name="session">The host's output; the fleet reads it once.</param>
    /// <exception cref="ArgumentException">The name is empty or only white space.</exception>
    public FleetHost(string name, long clockOffsetNs, EventSession session)
        : this(name, clockOffsetNs, session.ReadAsync, session.Completion)
    {
    }

    /// <summary>A host whose items come from elsewhere (generated or already decoded); <paramref name="completion"/> gives its counts.</summary>
    internal FleetHost(string name, long clockOffsetNs, IAsyncEnumerable<RunItem> items, Task<EventRunSummary>? completion = null)
        : this(name, clockOffsetNs, (_, _) => items, completion)
    {
    }

    private FleetHost(string name, long clockOffsetNs, Func<EventSelection, CancellationToken, IAsyncEnumerable<RunItem>> read, Task<EventRunSummary>? completion)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        ClockOffsetNs = clockOffsetNs;
        _read = read;
        Completion = completion;
    }

    /// <summary>The host's name.</summary>
    public string Name { get; }

    /// <summary>This machine's clock minus the host's, in ns: added to every timestamp of the host.</summary>
    public long ClockOffsetNs { get; }

    /// <summary>The host's own counts (events, drops, SystemTap's warnings) once its output ended; null when it has none.</summary>
    internal Task<EventRunSummary>? Completion { get; }

    internal IAsyncEnumerable<RunItem> Read(EventSelection selection, CancellationToken cancel) => _read(selection, cancel);
}
