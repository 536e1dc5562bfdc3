using StapSharp.Runtime.Targets;

namespace StapSharp.Runtime.Sessions;

/// <summary>What <see cref="ScriptRunner"/> did: the build, and the run when the build succeeded.</summary>
/// <param name="Target">Where the module ran (or would have).</param>
/// <param name="Build">The module build, with stap's stderr for mapping errors back to the source.</param>
/// <param name="Run">How the run ended; null when the build failed.</param>
public sealed record ScriptRunOutcome(TargetDecision Target, ScriptBuild Build, RunResult? Run)
{
    /// <summary>True when the module was built and staprun exited with 0.</summary>
    public bool Succeeded => Build.Succeeded && Run is { Succeeded: true };
}

/// <summary>One call from a script to its output: open a session, prepare, build, run.</summary>
public static class ScriptRunner
{
    /// <summary>
    /// Builds and runs <paramref name="script"/> on <paramref name="target"/>, sending each output line to
    /// <paramref name="onOutputLine"/> and the steps (build-tree preparation, stap's passes, "running") to
    /// <paramref name="progress"/>. Cancelling during the build throws <see cref="OperationCanceledException"/>;
    /// during the run it stops the script gracefully and returns.
    /// </summary>
    /// <exception cref="Toolchain.ToolchainException">A tool is missing; the message names the fix.</exception>
    public static async Task<ScriptRunOutcome> RunAsync(
        StapScript script, RunOptions options, TargetChoice target, Func<string, ValueTask> onOutputLine,
        IProgress<string>? progress, CancellationToken cancel)
    {
        var session = ScriptSession.Open(target);
        if (session.Target.FallbackReason is { } reason)
            progress?.Report($"this kernel cannot load modules ({reason}): running in a QEMU VM");

        var build = await session.BuildAsync(script, progress, cancel).ConfigureAwait(false);
        if (!build.Succeeded)
            return new ScriptRunOutcome(session.Target, build, Run: null);

        progress?.Report(session.Target.UsesVm ? "booting the VM and loading the module" : "loading the module");
        var run = await session.RunAsync(build, options, onOutputLine, cancel).ConfigureAwait(false);
        return new ScriptRunOutcome(session.Target, build, run);
    }
}
