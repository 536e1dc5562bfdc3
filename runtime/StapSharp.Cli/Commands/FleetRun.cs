using Spectre.Console;
using StapSharp.Cli.Aggregate;
using StapSharp.Cli.Flame;
using StapSharp.Cli.Output;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.StapMessages;
using StapSharp.Runtime.Fleet;
using StapSharp.Runtime.Remote;
using StapSharp.Runtime.Sessions;
using StapSharp.Runtime.Targets;
using StapSharp.Runtime.Toolchain;

namespace StapSharp.Cli.Commands;

/// <summary>
/// <c>stapsharp run X --remote ssh://HOST ... | --hosts FILE</c>: one module per kernel release among the hosts, run
/// on every host at once through stapsh over ssh; every host's events merged in timestamp order on this machine's clock
/// (<see cref="FleetMerge"/>, a quiet host waited for at most <see cref="LiveLateness"/>), each carrying its host, printed
/// or aggregated as one machine's are, and a line per host at the end (clock, events, drops, warnings, late events,
/// exit code, or why it dropped out).
/// </summary>
internal static class FleetRun
{
    /// <summary>What the remote run needs from the command line.</summary>
    public sealed record Request(
        IReadOnlyList<RemoteHost> Hosts, SshSettings Ssh, RunnableScript Script, int? TimeLimit, string? Command, int? TargetPid,
        bool Verbose, IReadOnlyList<KeyValuePair<string, string>> Globals, OutputFormat Format, string? OutputFile, EventAggregator? Aggregator,
        StackFolder? Folder = null, bool InstallHeaders = false)
    {
        /// <summary>The .stp of the first module built, to put SystemTap's messages at their C# place.</summary>
        public string? ScriptPath { get; set; }
    }

    /// <summary>
    /// How long the merge waits for a quiet host before it hands out later events of the others: above a host's usual
    /// delivery delay (ssh, and staprun's buffering, which hands output on at least every 200 ms); an event that still
    /// comes later is printed at once and counted as late.
    /// </summary>
    public static readonly TimeSpan LiveLateness = TimeSpan.FromSeconds(2);

    /// <summary>How often a live run's output is made visible while events keep coming.</summary>
    private static readonly TimeSpan FlushEvery = TimeSpan.FromMilliseconds(100);

    public static async Task<int> RunAsync(Request request, CancellationToken cancel)
    {
        // Ctrl-C stops every host (their end probes run); a second one ends stapsharp at once.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var interrupts = 0;
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = ++interrupts == 1;
            Status.Notice("stopping every host: running the end probes (Ctrl-C again to abort)");
            stop.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            var fleet = await RemoteFleet.PrepareAsync(request.Hosts, request.Ssh, (release, token) => BuildAsync(request, release, token),
                new Progress<string>(Status.Notice), stop.Token);
            Status.Notice($"{fleet.Ready.Count} of {request.Hosts.Count} hosts ready in {started.Elapsed.TotalSeconds:0.0} s");
            var options = new RunOptions
            {
                TimeLimit = request.TimeLimit is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
                Command = request.Command,
                TargetPid = request.TargetPid,
                Verbose = request.Verbose,
                ModuleGlobals = request.Globals,
            };
            var merged = fleet.Ready.Count == 0 ? [] : await ReadMergedAsync(request, fleet.Ready, options, stop.Token);
            var reports = fleet.Ready.Zip(merged, (host, report) => host.Report(report)).ToList();
            foreach (var report in reports.Concat(fleet.DroppedOut))
            {
                Console.Error.WriteLine("stapsharp: " + DiagnosticText.Escape(report.Summary));
            }

            return reports.Count > 0 && reports.All(r => r.Fault is null && r.ExitCode == 0) && fleet.DroppedOut.Count == 0
                ? ExitCodes.Success
                : stop.IsCancellationRequested && reports.All(r => r.Fault is null) ? ExitCodes.Cancelled : ExitCodes.StapFailed;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>
    /// Builds the module for <paramref name="release"/> with this machine's headers of it (stap -r), cached; with
    /// --install-headers, installs them first when they are missing.
    /// </summary>
    private static async Task<ReleaseModule> BuildAsync(Request request, string release, CancellationToken cancel)
    {
        try
        {
            var kernel = StapToolchain.Discover(release).Kernel!;
            if (kernel.HeadersDir is null && request.InstallHeaders)
            {
                kernel = await Status.StepAsync($"installing {KernelHeadersInstaller.PackageName(release)}",
                    progress => KernelHeadersInstaller.InstallAsync(release, line => progress.Report(line), cancel));
            }

            if (ReleaseBuildPlan.TargetFor(kernel, out var failure) is not { } target)
            {
                return ReleaseModule.Failed(failure!);
            }

            var session = ScriptSession.Open(target);

            var build = await Status.StepAsync($"building for {release} (stap -p4 -r {release})", progress => session.BuildAsync(request.Script.Script, progress, cancel));
            if (!build.Result.Succeeded)
            {
                // A module that does not compile says so in one line per kind of failure; stap's own errors in their first three.
                return ReleaseModule.Failed(ModuleCompileFailure.Read(build.Result.Stderr, request.Script.Script.Text) is { } compileFailure
                    ? string.Join("; ", compileFailure.Summaries(release, outputShown: false))
                    : "stap failed: " + string.Join(" ", build.Result.Stderr.Split('\n').Where(l => l.StartsWith("semantic error", StringComparison.Ordinal) || l.StartsWith("error", StringComparison.OrdinalIgnoreCase)).Take(3)).Trim());
            }

            request.ScriptPath ??= build.ScriptPath;
            return ReleaseModule.Built(build.ModulePath);
        }
        catch (ToolchainException e)
        {
            return ReleaseModule.Failed(e.Message);
        }
    }

    /// <summary>
    /// Every ready host's run, merged and printed (or aggregated) as one machine's run is; what the merge took from each
    /// host, in their order. Each host's run stops on <paramref name="stop"/> (its end probes run and their output arrives).
    /// </summary>
    private static async Task<IReadOnlyList<FleetHostReport>> ReadMergedAsync(
        Request request, IReadOnlyList<RemoteHostRun> ready, RunOptions options, CancellationToken stop)
    {
        var eventOptions = new EventSessionOptions { MaxWaitWhenFull = Timeout.InfiniteTimeSpan };
        var hosts = ready.Select(host => host.ToFleet(options, eventOptions, stop)).ToList();
        await using var stdoutStream = request.OutputFile is { } file ? File.Create(file) : Console.OpenStandardOutput();
        await using var stdout = new StreamWriter(stdoutStream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024, leaveOpen: true);
        var printer = new RunPrinter(request.Format, request.ScriptPath ?? "", request.Script.Map, stdout, stdoutStream, Console.Error,
            stdoutIsTerminal: request.OutputFile is null && !Console.IsOutputRedirected, request.Aggregator, request.Folder);
        IEventOutput output = printer;
        var reports = await FleetAggregateInput.ReadAsync(new FleetMerge(hosts, new FleetMergeOptions { Lateness = LiveLateness }), output,
            request.Script.EnumNames, printer.FleetItem, FlushEvery, CancellationToken.None);
        output.Complete();
        return reports;
    }
}
