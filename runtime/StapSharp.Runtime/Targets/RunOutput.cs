using StapSharp.Runtime.Processes;

namespace StapSharp.Runtime.Targets;

/// <summary>
/// Where a run's output goes, byte-exactly: the module's output stream (its <c>printf</c>s and event
/// frames) as raw bytes, and staprun's own messages (its stderr: warnings, errors) as separate text lines.
/// A target calls the two callbacks one at a time, never concurrently, each stream in its own order.
/// </summary>
public sealed class RunOutput
{
    /// <param name="onOutput">
    /// Receives the module's output bytes in order, cut into chunks at arbitrary places (a chunk can end in
    /// the middle of a line or a UTF-8 sequence). The memory is only valid during the call: copy what you keep.
    /// </param>
    /// <param name="onMessage">Receives staprun's stderr, one line per call (without the line break).</param>
    public RunOutput(Func<ReadOnlyMemory<byte>, ValueTask> onOutput, Func<string, ValueTask> onMessage)
    {
        OnOutput = onOutput;
        OnMessage = onMessage;
    }

    /// <summary>The module's output bytes; see the constructor.</summary>
    public Func<ReadOnlyMemory<byte>, ValueTask> OnOutput { get; }

    /// <summary>staprun's stderr lines; see the constructor.</summary>
    public Func<string, ValueTask> OnMessage { get; }
}

/// <summary>The line-based form of <see cref="IRunTarget.RunAsync"/>, built on the byte-exact one.</summary>
public static class RunTargetLines
{
    /// <summary>
    /// Runs like <see cref="IRunTarget.RunAsync"/> and hands <paramref name="onOutputLine"/> each output line
    /// (UTF-8 decoded, without its line break; a final line without one is delivered too) and each staprun
    /// message, as they arrive. Use the <see cref="RunOutput"/> form for event frames and exact bytes.
    /// </summary>
    public static async Task<RunResult> RunAsync(this IRunTarget target, string modulePath, RunOptions options,
        Func<string, ValueTask> onOutputLine, CancellationToken cancel)
    {
        var lines = new LineAssembler(onOutputLine);
        var result = await target.RunAsync(modulePath, options, new RunOutput(lines.WriteAsync, onOutputLine), cancel).ConfigureAwait(false);
        await lines.FlushAsync().ConfigureAwait(false);
        return result;
    }
}
