using StapSharp.Runtime.Toolchain;

namespace StapSharp.Runtime.Build;

/// <summary>
/// Runs stap against a prepared <see cref="KernelBuildTree"/> (<c>-r BUILD -R RUNTIME</c>):
/// checks (passes 1-4) and module builds. Built modules are kept in a <see cref="ModuleCache"/>
/// (stap's own module cache is off whenever <c>-m</c> names the module), so an unchanged script is
/// not rebuilt; stap's cache still saves its header scans.
/// Runs longer than <see cref="Timeout"/> are killed (with their compilers) and reported as
/// <c>TimedOut</c>; cancellation kills them too and throws <see cref="OperationCanceledException"/>.
/// </summary>
public sealed class StapInvocation
{
    private readonly StapToolchain _toolchain;
    private readonly KernelBuildTree _tree;

    /// <summary>Creates an invocation for <paramref name="toolchain"/>'s stap and the prepared <paramref name="tree"/>.</summary>
    public StapInvocation(StapToolchain toolchain, KernelBuildTree tree)
    {
        _toolchain = toolchain;
        _tree = tree;
    }

    /// <summary>Where built modules are kept; null to always build.</summary>
    public ModuleCache? Cache { get; init; } = ModuleCache.Default();

    /// <summary>Upper bound on one stap run. The first build of a tracepoint-based script scans the kernel headers: minutes on a small machine.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(20);

    /// <summary>
    /// Runs <c>stap -pPASS</c> on <paramref name="stpPath"/>. A failing script is not an exception:
    /// the exit code and stderr (file:line:col messages) are in the result.
    /// </summary>
    public Task<StapResult> CheckAsync(string stpPath, int pass, IReadOnlyList<string> extraArgs, CancellationToken cancel) =>
        CheckAsync(stpPath, pass, extraArgs, progress: null, cancel);

    /// <summary>As <see cref="CheckAsync(string, int, IReadOnlyList{string}, CancellationToken)"/>, reporting pass lines.</summary>
    public async Task<StapResult> CheckAsync(
        string stpPath, int pass, IReadOnlyList<string> extraArgs, IProgress<string>? progress, CancellationToken cancel,
        IReadOnlyList<string>? scriptArguments = null)
    {
        var script = RequireScript(stpPath);
        // -v makes stap print a line per pass: the progress of a check that can take minutes.
        var arguments = StapArguments.Build(_tree.StapKernelArgument, _tree.RuntimeDir, pass, moduleName: null, extraArgs, script, addVerbose: progress is not null, scriptArguments);
        var outcome = await RunStapAsync(arguments, Path.GetDirectoryName(script)!, progress, cancel).ConfigureAwait(false);
        return new StapResult(outcome.ExitCode, outcome.Stdout, WithTimeoutNote(outcome), outcome.Elapsed) { TimedOut = outcome.TimedOut };
    }

    /// <summary>
    /// Builds <c>NAME.ko</c> with <c>stap -p4 -m NAME</c> and places it beside the script.
    /// </summary>
    public Task<ModuleBuildResult> BuildModuleAsync(
        string stpPath, string moduleName, IReadOnlyList<string> extraArgs, IProgress<string>? progress, CancellationToken cancel) =>
        BuildModuleAsync(stpPath, moduleName, extraArgs, progress, outputDirectory: null, cancel);

    /// <summary>
    /// Builds <c>NAME.ko</c> into <paramref name="outputDirectory"/> (default: the script's directory).
    /// With a <paramref name="progress"/> sink, stap runs with -v and each "Pass N: ..." line is reported.
    /// <paramref name="scriptArguments"/> ($1, @1, ...) are compiled into the module, so they are part of its cache key.
    /// </summary>
    public async Task<ModuleBuildResult> BuildModuleAsync(
        string stpPath, string moduleName, IReadOnlyList<string> extraArgs, IProgress<string>? progress,
        string? outputDirectory, CancellationToken cancel, IReadOnlyList<string>? scriptArguments = null)
    {
        var script = RequireScript(stpPath);
        var arguments = StapArguments.Build(_tree.StapKernelArgument, _tree.RuntimeDir, 4, moduleName, extraArgs, script, addVerbose: progress is not null, scriptArguments);
        var destinationDir = Path.GetFullPath(outputDirectory ?? Path.GetDirectoryName(script)!);
        Directory.CreateDirectory(destinationDir);
        var destination = Path.Combine(destinationDir, moduleName + ".ko");
        IReadOnlyList<string> keyArgs = scriptArguments is { Count: > 0 } ? [.. extraArgs, "--", .. scriptArguments] : extraArgs;
        var key = ModuleCache.Key(await File.ReadAllTextAsync(script, cancel).ConfigureAwait(false), moduleName, keyArgs, _tree, _toolchain.StapPath ?? "stap");
        if (Cache?.TryRestore(key, destination) == true)
        {
            return new ModuleBuildResult(true, destination, string.Empty, TimeSpan.Zero) { ExitCode = 0, FromCache = true };
        }

        // stap writes NAME.ko into its working directory; a private one keeps parallel builds apart.
        var workDir = Directory.CreateTempSubdirectory("stapsharp-build-").FullName;
        try
        {
            var outcome = await RunStapAsync(arguments, workDir, progress, cancel).ConfigureAwait(false);
            var built = Path.Combine(workDir, moduleName + ".ko");
            if (outcome.ExitCode != 0 || !File.Exists(built))
            {
                return new ModuleBuildResult(false, null, WithTimeoutNote(outcome), outcome.Elapsed)
                { ExitCode = outcome.ExitCode, TimedOut = outcome.TimedOut };
            }

            File.Move(built, destination, overwrite: true);
            Cache?.Store(key, destination);
            return new ModuleBuildResult(true, destination, outcome.Stderr, outcome.Elapsed) { ExitCode = 0 };
        }
        finally
        {
            try { Directory.Delete(workDir, recursive: true); }
            catch (IOException) { }
        }
    }

    /// <summary>
    /// <c>stap -L PATTERN</c>: the probe points matching a pattern (wildcards allowed) with the variables
    /// their handlers can read. The pattern is one argument of stap's, never a script's text; the caller
    /// parses it as a probe point first. A pattern that matches nothing is a failed result, not an exception.
    /// </summary>
    public async Task<(StapResult Result, IReadOnlyList<Listing.ProbeListing> Points)> ListAsync(string pattern, CancellationToken cancel)
    {
        string[] arguments = ["-r", _tree.StapKernelArgument, "-R", _tree.RuntimeDir, "-L", pattern];
        var outcome = await RunStapAsync(arguments, Path.GetTempPath(), progress: null, cancel).ConfigureAwait(false);
        var result = new StapResult(outcome.ExitCode, outcome.Stdout, WithTimeoutNote(outcome), outcome.Elapsed) { TimedOut = outcome.TimedOut };
        return (result, Listing.ProbeListing.Parse(outcome.Stdout));
    }

    private async Task<ProcessOutcome> RunStapAsync(
        IReadOnlyList<string> arguments, string workingDirectory, IProgress<string>? progress, CancellationToken cancel)
    {
        _toolchain.RequireForBuild();
        Action<string>? onStderr = progress is null
            ? null
            : line => { if (StapArguments.IsProgressLine(line)) { progress.Report(line); } };
        return await ProcessRunner.RunAsync(_toolchain.StapPath!, arguments, workingDirectory, Timeout,
            onStderrLine: onStderr, cancel: cancel).ConfigureAwait(false);
    }

    private string WithTimeoutNote(ProcessOutcome outcome) =>
        outcome.TimedOut
            ? outcome.Stderr + $"stapsharp: stap was stopped after {Timeout.TotalSeconds:0} s (time bound)\n"
            : outcome.Stderr;

    private static string RequireScript(string stpPath)
    {
        var full = Path.GetFullPath(stpPath);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"script not found: {full}", full);
        }

        return full;
    }
}
