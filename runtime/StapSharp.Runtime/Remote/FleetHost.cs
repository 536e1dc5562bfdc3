using StapSharp.Runtime.Sessions;
using StapSharp.Runtime.Targets;

namespace StapSharp.Runtime.Remote;

/// <summary>
/// One host of a fleet run, ready to run: its name, kernel release and clock offset, and the module built for its
/// release. Its output is a run target's (<see cref="RunAsync"/>: the module's raw bytes and staprun's messages), so
/// the event decoder (<see cref="OpenEvents"/>) and anything that merges hosts read it as they read a local run.
/// </summary>
public sealed class FleetHost
{
    private readonly RemoteTarget _target;

    internal FleetHost(HostIdentity identity, string modulePath, SshSettings ssh)
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

    /// <summary>staprun's warnings and the output lost on the host, counted from its messages as they pass.</summary>
    public StaprunMessageCounts Messages { get; } = new();

    /// <summary>Runs the module on the host, as <see cref="IRunTarget.RunAsync"/> does (the stop runs the end probes there).</summary>
    public Task<RunResult> RunAsync(RunOptions options, RunOutput output, CancellationToken cancel) =>
        _target.RunAsync(ModulePath, options, new RunOutput(output.OnOutput, line =>
        {
            Messages.Add(line);
            return output.OnMessage(line);
        }), cancel);

    /// <summary>The host's run read as typed events (see <see cref="EventSession"/>); it starts when reading starts.</summary>
    public EventSession OpenEvents(RunOptions options, EventSessionOptions? eventOptions = null, CancellationToken cancel = default) =>
        new(async (output, token) => await RunAsync(options, output, token).ConfigureAwait(false), eventOptions, cancel);

    /// <summary>The host's line of the summary, from how its run ended and what was received from it.</summary>
    /// <param name="result">The run's result; null when it threw before it ended.</param>
    /// <param name="events">Events and text lines received (all kept).</param>
    /// <param name="decoderDrops">Drops the decoder counted in the stream (the module's own drop records).</param>
    /// <param name="error">What the run threw, when it did.</param>
    public HostReport Report(RunResult? result, long events, long decoderDrops, string? error = null)
    {
        HostFault? fault = null;
        if (error is not null)
        {
            fault = new HostFault(HostStage.Run, error);
        }
        else if (result?.Failure is { } failure)
        {
            fault = new HostFault(result is not null && RemoteTarget.FailedBeforeStart(result) ? HostStage.Start : HostStage.Run, failure);
        }

        return new HostReport(Host, Release, Clock, events, Messages.Drops + decoderDrops, Messages.Warnings, result?.ExitCode, fault);
    }
}
