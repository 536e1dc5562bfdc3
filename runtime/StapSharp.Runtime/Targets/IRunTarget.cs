namespace StapSharp.Runtime.Targets;

/// <summary>Somewhere a built SystemTap module can run: the local kernel, or a throw-away VM.</summary>
public interface IRunTarget
{
    /// <summary>
    /// Loads <paramref name="modulePath"/> with staprun and streams its output, one line at a time,
    /// to <paramref name="onOutputLine"/> as it arrives. Cancelling <paramref name="cancel"/> stops
    /// the script gracefully (end probes run) and the call returns with <see cref="RunResult.Cancelled"/>
    /// set; it does not throw <see cref="OperationCanceledException"/> for that.
    /// </summary>
    Task<RunResult> RunAsync(string modulePath, RunOptions options, Func<string, ValueTask> onOutputLine, CancellationToken cancel);
}
