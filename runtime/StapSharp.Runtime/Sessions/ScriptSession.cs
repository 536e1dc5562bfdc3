using System.Runtime.CompilerServices;
using System.Threading.Channels;
using StapSharp.Runtime.Build;
using StapSharp.Runtime.Machines;
using StapSharp.Runtime.Targets;
using StapSharp.Runtime.Toolchain;

namespace StapSharp.Runtime.Sessions;

/// <summary>
/// The whole path from a .stp script to its running module, for one target: the toolchain, the kernel
/// build tree (prepared once per release for the VM), module builds, and runs with streamed output.
/// Each step is its own call so a host can show progress between them.
/// </summary>
public sealed partial class ScriptSession
{
    private KernelBuildTree? _tree;
    private VmAcceleration? _acceleration;

    private ScriptSession(TargetDecision target, StapToolchain toolchain, KernelBuildTree? tree)
    {
        Target = target;
        Toolchain = toolchain;
        _tree = tree;
    }

    /// <summary>The target modules run on.</summary>
    public TargetDecision Target { get; }

    /// <summary>The tools and kernel this session uses.</summary>
    public StapToolchain Toolchain { get; }

    /// <summary>True once the kernel build tree is ready (always for the local target).</summary>
    public bool IsPrepared => _tree is not null;

    /// <summary>
    /// Discovers the toolchain for <paramref name="target"/> and checks that it is complete: modules are
    /// built for this kernel when running locally, for the distribution kernel the VM boots otherwise.
    /// </summary>
    /// <exception cref="ToolchainException">A tool is missing; the message names the fix.</exception>
    public static ScriptSession Open(TargetDecision target)
    {
        var toolchain = StapToolchain.Discover(target.RunningRelease);
        if (target.UsesVm)
        {
            toolchain.RequireForVm();
            return new ScriptSession(target, toolchain, tree: null);
        }

        toolchain.RequireForLocal();
        return new ScriptSession(target, toolchain, KernelBuildTree.ForRunningKernel(toolchain));
    }

    /// <summary>Resolves <paramref name="choice"/> on this host, then opens the session.</summary>
    public static ScriptSession Open(TargetChoice choice) => Open(TargetDecision.Resolve(choice));

    /// <summary>
    /// Makes the kernel build tree ready. For the VM the first call per kernel release boots it once to read
    /// its symbols (~20-60 s); later calls, and every call for the local target, return at once.
    /// </summary>
    public async Task<KernelBuildTree> PrepareAsync(IProgress<string>? progress, CancellationToken cancel)
    {
        _tree ??= await KernelBuildTree.PrepareAsync(Toolchain, progress, cancel).ConfigureAwait(false);
        return _tree;
    }

    /// <summary>
    /// Writes <paramref name="script"/> to its content-named folder (or, for a user's file, <see cref="StapScript.SourcePath"/>,
    /// reads it where it is) and builds its module (stap -p4).
    /// A script stap rejects is not an exception: see <see cref="ScriptBuild.Succeeded"/> and the stderr in the result.
    /// </summary>
    /// <param name="progress">Receives stap's "Pass N: ..." lines (and build-tree preparation, when not done yet).</param>
    /// <exception cref="ToolchainException">The debuginfo the script needs is not installed; the message names the package.</exception>
    public async Task<ScriptBuild> BuildAsync(StapScript script, IProgress<string>? progress, CancellationToken cancel)
    {
        Toolchain.RequireDebuginfo(script.Debuginfo);
        var tree = await PrepareAsync(progress, cancel).ConfigureAwait(false);
        // A user's .stp is built where it is, and its module goes to the cache, never beside it. One folder per release:
        // a fleet builds one script for several releases, and a build for one must not overwrite the module another
        // host is about to load.
        var path = script.SourcePath ?? ScriptFolder.Write(script);
        var modules = script.SourcePath is null ? Path.GetDirectoryName(path)! : ScriptFolder.ModuleFolder(script.Text);
        var result = await new StapInvocation(Toolchain, tree)
            .BuildModuleAsync(path, script.ModuleName, script.Options, progress, Path.Combine(modules, tree.Release), cancel, script.Arguments)
            .ConfigureAwait(false);
        return new ScriptBuild(path, result) { Release = tree.Release };
    }

    /// <summary>
    /// Runs a built module until it exits, its time limit passes, or <paramref name="cancel"/> asks it to
    /// stop (end probes still run; no exception). Each output line goes to <paramref name="onOutputLine"/> as it arrives.
    /// </summary>
    public async Task<RunResult> RunAsync(ScriptBuild build, RunOptions options, Func<string, ValueTask> onOutputLine, CancellationToken cancel)
    {
        var target = await CreateTargetAsync(cancel).ConfigureAwait(false);
        return await target.RunAsync(build.ModulePath, WithProbedFiles(build, options), onOutputLine, cancel).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs a built module like <see cref="RunAsync(ScriptBuild, RunOptions, Func{string, ValueTask}, CancellationToken)"/>,
    /// handing its output to <paramref name="output"/> byte-exactly (event frames included) and staprun's
    /// messages separately. <see cref="OpenEvents"/> decodes that output into typed events.
    /// </summary>
    public async Task<RunResult> RunAsync(ScriptBuild build, RunOptions options, RunOutput output, CancellationToken cancel)
    {
        var target = await CreateTargetAsync(cancel).ConfigureAwait(false);
        return await target.RunAsync(build.ModulePath, WithProbedFiles(build, options), output, cancel).ConfigureAwait(false);
    }

    /// <summary>A run on the host's files in the VM gets the files the script's user-space probes name (uprobes need them as they are).</summary>
    private static RunOptions WithProbedFiles(ScriptBuild build, RunOptions options) =>
        options.ShareHostFileSystem && options.ProbedHostFiles.Count == 0 && File.Exists(build.ScriptPath)
            ? options with { ProbedHostFiles = UserSpaceProbeFiles.Find(File.ReadAllText(build.ScriptPath)) }
            : options;

    /// <summary>
    /// VM only: whether the VM runs under KVM or TCG here (see <see cref="VmAcceleration.ChooseAsync"/>; the first call on
    /// a host with /dev/kvm may boot the guest once, for at most 20 s). Runs use it; call it first to show its notice.
    /// </summary>
    public async Task<VmAcceleration> ChooseVmAccelerationAsync(IProgress<string>? progress, CancellationToken cancel) =>
        _acceleration ??= Target.UsesVm
            ? await VmAcceleration.ChooseAsync(Toolchain, progress, cancel).ConfigureAwait(false)
            : VmAcceleration.Tcg;

    private async Task<IRunTarget> CreateTargetAsync(CancellationToken cancel) => Target.UsesVm
        ? new VmTarget(Toolchain, await PrepareAsync(progress: null, cancel).ConfigureAwait(false),
            await ChooseVmAccelerationAsync(progress: null, cancel).ConfigureAwait(false))
        : new LocalStaprunTarget(Toolchain);

    /// <summary>
    /// Starts a run whose output is read as an asynchronous stream; see <see cref="StreamingRun"/>.
    /// Reading must keep up only loosely: lines are buffered.
    /// </summary>
    public StreamingRun Stream(ScriptBuild build, RunOptions options, CancellationToken cancel)
    {
        var lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var completion = RunIntoAsync(lines.Writer, build, options, cancel);
        return new StreamingRun(lines.Reader, completion);
    }

    private async Task<RunResult> RunIntoAsync(ChannelWriter<string> lines, ScriptBuild build, RunOptions options, CancellationToken cancel)
    {
        try
        {
            var result = await RunAsync(build, options, line => lines.WriteAsync(line, CancellationToken.None), cancel).ConfigureAwait(false);
            lines.TryComplete();
            return result;
        }
        catch (Exception error)
        {
            // The reader sees the failure instead of waiting for lines that never come.
            lines.TryComplete(error);
            throw;
        }
    }
}

/// <summary>A run in progress: its output lines as they arrive, and how it ended.</summary>
public sealed class StreamingRun
{
    private readonly ChannelReader<string> _lines;

    internal StreamingRun(ChannelReader<string> lines, Task<RunResult> completion)
    {
        _lines = lines;
        Completion = completion;
    }

    /// <summary>How the run ended; complete once the last line has been written.</summary>
    public Task<RunResult> Completion { get; }

    /// <summary>The output, one line at a time, ending when the run ends (rethrowing what made it fail). Read it once.</summary>
    public async IAsyncEnumerable<string> ReadLinesAsync([EnumeratorCancellation] CancellationToken cancel = default)
    {
        await foreach (var line in _lines.ReadAllAsync(cancel).ConfigureAwait(false))
        {
            yield return line;
        }
    }
}
