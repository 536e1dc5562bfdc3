namespace StapSharp.Runtime.Targets;

/// <summary>Somewhere a built SystemTap module can run: the local kernel, or a throw-away VM.</summary>
public interface IRunTarget
{
    /// <summary>
    /// Loads <paramref name="modulePath"/> with staprun and streams its output byte-exactly to
    /// <paramref name="output"/> as it arrives: the module's output stream as bytes, staprun's stderr as
    /// separate message lines. Cancelling <paramref name="cancel"/> stops the script gracefully (end probes
    /// run) and the call returns with <see cref="RunResult.Cancelled"/> set; it does not throw
    /// <see cref="OperationCanceledException"/> for that. For text lines use
    /// <see cref="RunTargetLines.RunAsync"/>.
    /// </summary>
    Task<RunResult> RunAsync(string modulePath, RunOptions options, RunOutput output, CancellationToken cancel);
}
