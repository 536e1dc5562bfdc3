using StapSharp.Runtime.Targets;

namespace StapSharp.Runtime.Sessions;

public sealed partial class ScriptSession
{
    /// <summary>
    /// Prepares a run of <paramref name="build"/> whose output is read as typed events (see <see cref="EventSession"/>).
    /// The module starts when reading starts; <paramref name="cancel"/> stops it gracefully (end probes run).
    /// </summary>
    public EventSession OpenEvents(ScriptBuild build, RunOptions options, EventSessionOptions? eventOptions = null, CancellationToken cancel = default) =>
        new(async (output, token) => await RunAsync(build, options, output, token).ConfigureAwait(false), eventOptions, cancel);
}
