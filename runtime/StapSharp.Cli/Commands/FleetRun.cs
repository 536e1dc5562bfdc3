using StapSharp.Compiler.Diagnostics;
using StapSharp.Runtime.Remote;
using StapSharp.Runtime.Sessions;
using StapSharp.Runtime.Targets;
using StapSharp.Runtime.Toolchain;

namespace StapSharp.Cli.Commands;

/// <summary>
/// <c>stapsharp run X --remote ssh://HOST ... | --hosts FILE</c>: one module per kernel release among the hosts, run
/// on every host at once through stapsh over ssh; each host's items printed as they arrive, prefixed with the host,
/// and a line per host at the end (events, drops, warnings, exit code, or why it dropped out).
/// </summary>
internal static class FleetRun
{
    /// <summary>What the remote run needs from the command line.</summary>
    public sealed record Request(
        IReadOnlyList<RemoteHost> Hosts, SshSettings Ssh, StapScript Script, int? TimeLimit, string? Command, int? TargetPid, bool Verbose,
        IReadOnlyList<KeyValuePair<string, string>> Globals);

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
            var gate = new object();
            var reports = await Task.WhenAll(fleet.Ready.Select(host => RunHostAsync(host, options, gate, stop.Token)));
            foreach (var report in reports.Concat(fleet.DroppedOut))
            {
                Console.Error.WriteLine("stapsharp: " + DiagnosticText.Escape(report.Summary));
            }

            return reports.Length > 0 && reports.All(r => r.Fault is null && r.ExitCode == 0) && fleet.DroppedOut.Count == 0
                ? ExitCodes.Success
                : stop.IsCancellationRequested && reports.All(r => r.Fault is null) ? ExitCodes.Cancelled : ExitCodes.StapFailed;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>Builds the module for <paramref name="release"/> with this machine's headers of it (stap -r), cached.</summary>
    private static async Task<ReleaseModule> BuildAsync(Request request, string release, CancellationToken cancel)
    {
        try
        {
            var session = OpenFor(release);
            if (session is null)
            {
                return ReleaseModule.Failed($"no kernel headers for {release} here: apt-get install linux-headers-{release}");
            }

            var build = await Status.StepAsync($"building for {release} (stap -p4 -r {release})", progress => session.BuildAsync(request.Script, progress, cancel));
            if (!build.Result.Succeeded)
            {
                return ReleaseModule.Failed("stap failed: " + string.Join(" ", build.Result.Stderr.Split('\n').Where(l => l.StartsWith("semantic error", StringComparison.Ordinal) || l.StartsWith("error", StringComparison.OrdinalIgnoreCase)).Take(3)).Trim());
            }

            return ReleaseModule.Built(build.ModulePath);
        }
        catch (ToolchainException e)
        {
            return ReleaseModule.Failed(e.Message);
        }
    }

    /// <summary>
    /// The session that builds for <paramref name="release"/>: the VM's when it is the distribution kernel the VM boots
    /// (its build tree is prepared once), else one for the release's installed headers; null when there are none.
    /// </summary>
    private static ScriptSession? OpenFor(string release)
    {
        var vm = ScriptSession.Open(new TargetDecision(UsesVm: true, RunningRelease: null, FallbackReason: null));
        if (vm.Toolchain.KernelRelease == release)
        {
            return vm;
        }

        var session = ScriptSession.Open(new TargetDecision(UsesVm: false, RunningRelease: release, FallbackReason: null));
        return session.Toolchain.Kernel is { HeadersDir: not null } kernel && kernel.Release == release ? session : null;
    }

    /// <summary>An event as one line: its type, timestamp and fields (quoted and escaped, so a line stays one line).</summary>
    private static string Describe(RunItem item)
    {
        var fields = item.Event switch
        {
            Runtime.Events.EventRow row => string.Join(' ', row.Type.Fields.Zip(row.Values, (field, value) => $"{field.Name}={Output.EventValueText.Format(value)}")),
            { } record => DiagnosticText.Escape(record.ToString() ?? ""),
            null => "",
        };
        return $"{item.EventType?.FullName ?? "event"} @{item.TimestampNs} {fields}";
    }

    private static async Task<HostReport> RunHostAsync(FleetHost host, RunOptions options, object gate, CancellationToken stop)
    {
        var prefix = $"[{host.Name}] ";
        long items = 0, drops = 0;
        RunResult? result = null;
        string? error = null;
        try
        {
            await using var events = host.OpenEvents(options, new EventSessionOptions { MaxWaitWhenFull = Timeout.InfiniteTimeSpan }, stop);
            await foreach (var item in events.ReadAllAsync(CancellationToken.None))
            {
                switch (item.Kind)
                {
                    case RunItemKind.Event or RunItemKind.Text:
                        items++;
                        lock (gate)
                        {
                            Console.Out.WriteLine(prefix + (item.Kind == RunItemKind.Text ? item.Text : Describe(item)));
                        }

                        break;
                    case RunItemKind.Message:
                        lock (gate)
                        {
                            Console.Error.WriteLine(prefix + DiagnosticText.Escape(item.Text ?? ""));
                        }

                        break;
                    case RunItemKind.Dropped:
                        drops += item.Dropped;
                        break;
                }
            }

            result = (await events.Completion).Run;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or Runtime.Events.EventSchemaException)
        {
            error = e.Message;
        }

        return host.Report(result, items, drops, error);
    }
}
