using StapSharp.Runtime.Fleet;
using StapSharp.Runtime.Sessions;
using StapSharp.Runtime.Targets;

namespace StapSharp.Runtime.Remote;

/// <summary>
/// One remote host's run of a fleet's module, ready to start: the host, its kernel release and clock offset, and the
/// module built for its release. Its output is a run target's (<see cref="RunAsync"/>: the module's raw bytes and
/// staprun's messages), so the event decoder (<see cref="OpenEvents"/>) reads it as it reads a local run, and
/// <see cref="ToFleet"/> hands it to the merge across hosts.
/// </summary>
public sealed class RemoteHostRun
{
    private readonly RemoteTarget _target;

    internal RemoteHostRun(HostIdentity identity, string modulePath, SshSettings ssh)
    {
        Host = identity.Host;
        Release = identity.Release;
        Clock = identity.Clock;
        ModulePath = modulePath;
        _target = new RemoteTarget(identity.Host, ssh);
    }

    /// <summary>The host.</summary>
    public RemoteHost Host { get; }

    /// <summary>How the host is named in output: <c>[USER@]HOST[:PORT]</c>.</summary>
    public string Name => Host.Name;

    /// <summary>Its kernel release.</summary>
    public string Release { get; }

    /// <summary>Its clock against this one (remote − local); null when it could not be measured.</summary>
    public ClockOffset? Clock { get; }

    /// <summary>The module built for <see cref="Release"/>.</summary>
    public string ModulePath { get; }

    /// <summary>Runs the module on the host, as <see cref="IRunTarget.RunAsync"/> does (the stop runs the end probes there).</summary>
    public Task<RunResult> RunAsync(RunOptions options, RunOutput output, CancellationToken cancel) =>
        _target.RunAsync(ModulePath, options, output, cancel);

    /// <summary>The host's run read as typed events (see <see cref="EventSession"/>); it starts when reading starts.</summary>
    public EventSession OpenEvents(RunOptions options, EventSessionOptions? eventOptions = null, CancellationToken cancel = default) =>
        new(async (output, token) => await RunAsync(options, output, token).ConfigureAwait(false), eventOptions, cancel);

    /// <summary>
    /// The host's run as a host of a <see cref="FleetMerge"/>: its name, its clock offset turned to the merge's sense (this
    /// machine's clock minus the host's; 0 when it could not be measured) and its events (see <see cref="OpenEvents"/>).
    /// </summary>
    public Fleet.FleetHost ToFleet(RunOptions options, EventSessionOptions? eventOptions = null, CancellationToken cancel = default) =>
        new(Name, -(Clock?.OffsetNs ?? 0), OpenEvents(options, eventOptions, cancel));

    /// <summary>The host's part of the run, from what the merge took from it (<paramref name="merged"/>) and how its run ended.</summary>
    public RemoteHostReport Report(FleetHostReport merged)
    {
        var result = merged.Summary?.Run;
        HostFault? fault = null;
        if (merged.Fault is { } error)
        {
            fault = new HostFault(HostStage.Run, error);
        }
        else if (result?.Failure is { } failure)
        {
            fault = new HostFault(RemoteTarget.FailedBeforeStart(result) ? HostStage.Start : HostStage.Run, failure);
        }

        return new RemoteHostReport(Host, Release, Clock, merged, merged.Warnings, result?.ExitCode, fault);
    }
}
