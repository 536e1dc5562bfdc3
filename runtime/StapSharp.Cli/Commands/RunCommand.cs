using System.CommandLine;
using StapSharp.Cli.Aggregate;
using StapSharp.Cli.Files;
using StapSharp.Cli.Flame;
using StapSharp.Cli.Metrics;
using StapSharp.Cli.Output;
using StapSharp.Cli.PlainScripts;
using StapSharp.Runtime.Bulk;
using StapSharp.Runtime.Remote;
using StapSharp.Runtime.Sessions;
using StapSharp.Runtime.Targets;

namespace StapSharp.Cli.Commands;

/// <summary>
/// <c>stapsharp run PATH</c>: translate → build the module (stap -p4) → run it with staprun, on this
/// kernel or in a throw-away QEMU VM, streaming its output until it exits, -T passes, or Ctrl-C
/// (which still runs the end probes).
/// </summary>
internal static class RunCommand
{
    private sealed record Settings(
        string Path, string? ClassName, int? TimeLimit, bool ForceVm, bool ForceLocal, string? VmCommand,
        string? Command, int? TargetPid, string? OutputFile, bool Verbose, string[] Globals, OutputFormat Format, string[] ScriptArguments, bool Bulk,
        string[] VmModules, VmDisk[] VmDisks, AggregateRequest Aggregate, string? SvgFile, StackRequest Stacks, RemoteHost[] Remotes, string? HostsFile, string? SshConfig, bool Guru,
        System.Net.IPEndPoint? ServeMetrics, Uri? Otlp, bool InstallHeaders, string[] Symbols);

    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "A .cs file, a folder, or a .csproj; or a SystemTap script (.stp), run as it is" };
        var className = new Option<string?>("--class") { Description = "The probe script class to run, when there are several" };
        var timeLimit = new Option<int?>("--time-limit", "-T") { Description = "Stop after this many seconds (end probes still run)" };
        var vm = new Option<bool>("--vm") { Description = "Run in a throw-away QEMU VM booting the distribution kernel (the default when this kernel cannot load modules)" };
        var local = new Option<bool>("--local") { Description = "Run on this kernel with staprun" };
        var vmCommand = new Option<string?>("--vm-command")
        {
            Description = "VM only: a shell command run inside the VM once the probes are armed, to make them fire (target() is its pid); " +
                          "it runs on this machine's files (read-only, its writes stay in the VM), from the current folder",
        };
        var vmModules = new Option<string[]>("--vm-module")
        {
            Description = "VM only: load this distribution kernel module (and what it depends on) in the VM before the script starts, " +
                          "e.g. to probe it; repeat for several",
            AllowMultipleArgumentsPerToken = false,
        };
        var vmDisks = new Option<VmDisk[]>("--vm-disk")
        {
            Description = "VM only: attach a throw-away virtio disk (/dev/vda, then /dev/vdb, ...) whose reads or writes can fail, to test " +
                          "probes that track I/O errors: SIZE[,fault=eio|enospc][,on=write|read][,after=N][,sector=S]...[,once], " +
                          "e.g. 64M,fault=eio,on=write,after=3,sector=2048 (the first 3 writes succeed, then writes covering sector 2048 fail); repeat for several",
            AllowMultipleArgumentsPerToken = false,
            CustomParser = ParseDisks,
        };
        var command = new Option<string?>("--command", "-c") { Description = "Run CMD under the script: target() is its pid, the script stops when it exits" };
        var pid = new Option<int?>("--pid", "-x") { Description = "target() is this process id" };
        var output = new Option<string?>("--output", "-o") { Description = "Write the script's output to FILE" };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Show stap's build passes and staprun's messages (and the VM's kernel log)" };
        var globals = new Option<string[]>("--global", "-G") { Description = "Set a script global at load time: NAME=VALUE", AllowMultipleArgumentsPerToken = false };
        var format = new Option<OutputFormat>("--format")
        {
            Description = "How to print events: table (live, on a terminal), jsonl (one JSON object per event, text lines as {\"text\":...}), " +
                          "csv (text lines go to stderr), text (lines as printed). Default: table on a terminal and jsonl otherwise " +
                          "for scripts that emit events, text for the others",
            DefaultValueFactory = _ => OutputFormat.Auto,
        };
        var scriptArguments = new Argument<string[]>("arguments")
        {
            Description = "After --: the script's arguments ($1, @1, ...) for its [ScriptArgument(N)] fields (a .stp's are passed to stap as they are), compiled into the module",
            Arity = ArgumentArity.ZeroOrMore,
        };

        var bulk = new Option<bool>("--bulk", "-b")
        {
            Description = "Bulk mode (stap -b): one output file per CPU, merged by the events' timestamps after the run; " +
                          "VM only (it gets 2 CPUs); nothing is printed until the script ends",
        };
        var remotes = new Option<RemoteHost[]>("--remote")
        {
            Description = "Run on this host over ssh instead (ssh://[USER@]HOST[:PORT]; it needs systemtap-runtime, and root or stapusr); " +
                          "repeat for several: one module per kernel release among them, run on all at once, their events merged in timestamp order, each with its host",
            AllowMultipleArgumentsPerToken = false,
            CustomParser = ParseRemotes,
        };
        var hostsFile = new Option<string?>("--hosts") { Description = "Run on the hosts listed in FILE (one ssh://[USER@]HOST[:PORT] per line, # comments), as --remote does" };
        var sshConfig = new Option<string?>("--ssh-config") { Description = "With --remote/--hosts: the ssh configuration file to use instead of ~/.ssh/config (ssh -F)" };
        var installHeaders = new Option<bool>("--install-headers")
        {
            Description = "With --remote/--hosts: when this machine has no headers for a host's kernel release, install them (apt-get, as root) and build for it",
        };
        var guru = PlainScriptOptions.Guru();
        var symbols = ProgramSymbolsOption.Create();
        var aggregate = new AggregateCommandLine();
        var flame = new FlameCommandLine();
        var run = new Command("run", "Build a probe script's module and run it, streaming its output")
        {
            path, scriptArguments, className, timeLimit, vm, local, vmCommand, vmModules, vmDisks, command, pid, output, verbose, globals, format, bulk,
            remotes, hostsFile, sshConfig, installHeaders, guru, symbols,
        };
        aggregate.AddTo(run, format, output);
        var metrics = new MetricsCommandLine();
        metrics.AddTo(run, aggregate);
        flame.AddTo(run, format, output);
        AddValidators(run, vm, local, bulk, output, command, pid, timeLimit, globals);
        PlainScriptOptions.AddTo(run, path, className, format, aggregate, flame);
        PlainScriptOptions.GuruOnlyForStp(run, path, guru);
        run.SetAction((parse, cancel) => RunAsync(
            new Settings(
                parse.GetValue(path)!, parse.GetValue(className), parse.GetValue(timeLimit), parse.GetValue(vm), parse.GetValue(local),
                parse.GetValue(vmCommand), parse.GetValue(command), parse.GetValue(pid), parse.GetValue(output), parse.GetValue(verbose),
                parse.GetValue(globals) ?? [], parse.GetValue(format), parse.GetValue(scriptArguments) ?? [], parse.GetValue(bulk),
                parse.GetValue(vmModules) ?? [], parse.GetValue(vmDisks) ?? [], aggregate.Request(parse), parse.GetValue(aggregate.Svg), flame.Request(parse),
                parse.GetValue(remotes) ?? [], parse.GetValue(hostsFile), parse.GetValue(sshConfig), parse.GetValue(guru), parse.GetValue(metrics.ServeMetrics), parse.GetValue(metrics.Otlp),
                parse.GetValue(installHeaders), parse.GetValue(symbols) ?? []),
            cancel));
        return run;
    }

    /// <summary>What is wrong with the command line alone is a usage error, found before anything runs.</summary>
    private static void AddValidators(
        Command run, Option<bool> vm, Option<bool> local, Option<bool> bulk, Option<string?> output, Option<string?> command,
        Option<int?> pid, Option<int?> timeLimit, Option<string[]> globals)
    {
        OptionRules.Exclusive(run, vm, local, "--vm and --local exclude each other");
        OptionRules.Exclusive(run, bulk, output, "--bulk and -o exclude each other: a bulk run's output is the per-CPU files, printed merged once the script ends");
        OptionRules.Exclusive(run, command, pid, "-c CMD and -x PID exclude each other: target() is either the command's pid or PID");
        // A time limit is a CancellationTokenSource's delay, which takes at most about 49 days.
        OptionRules.InRange(timeLimit, 1, MaxTimeLimitSeconds, $"-T takes a number of seconds from 1 to {MaxTimeLimitSeconds} (30 days)");
        OptionRules.InRange(pid, 1, int.MaxValue, "-x takes a process id (a positive number)");
        globals.Validators.Add(result =>
        {
            foreach (var assignment in result.Tokens.Select(t => t.Value))
            {
                var equals = assignment.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0 || !StaprunArguments.IsGlobalName(assignment[..equals]))
                {
                    result.AddError($"-G {assignment}: write NAME=VALUE, NAME a script global (letters, digits, _)");
                }
            }
        });
    }

    private const int MaxTimeLimitSeconds = 30 * 24 * 60 * 60;

    /// <summary>Each --vm-disk through <see cref="VmDisk.Parse"/>; what it refuses is a usage error naming the option.</summary>
    private static VmDisk[] ParseDisks(System.CommandLine.Parsing.ArgumentResult result)
    {
        var disks = new List<VmDisk>();
        foreach (var token in result.Tokens)
        {
            try
            {
                disks.Add(VmDisk.Parse(token.Value));
            }
            catch (FormatException e)
            {
                result.AddError($"--vm-disk: {e.Message}");
            }
        }

        if (disks.Count > VmDisk.MaxDisks)
        {
            result.AddError($"--vm-disk: a VM run attaches at most {VmDisk.MaxDisks} disks");
        }

        return [.. disks];
    }

    /// <summary>Each --remote through <see cref="RemoteHost.Parse"/>: a target that is not one is a usage error, before anything runs.</summary>
    private static RemoteHost[] ParseRemotes(System.CommandLine.Parsing.ArgumentResult result)
    {
        var hosts = new List<RemoteHost>();
        foreach (var token in result.Tokens)
        {
            if (RemoteHost.TryParse(token.Value, out var host, out var problem))
            {
                hosts.Add(host);
            }
            else
            {
                result.AddError($"--remote: {problem}");
            }
        }

        return [.. hosts];
    }

    /// <summary>The --remote targets and those of --hosts FILE, each once; what is wrong is the user's to fix.</summary>
    private static IReadOnlyList<RemoteHost> RemoteTargets(Settings settings)
    {
        try
        {
            var fromFile = settings.HostsFile is { } file ? HostsFile.Read(file) : [];
            var hosts = HostsFile.Combine(settings.Remotes, fromFile);
            return hosts.Count > 0 || settings.HostsFile is null ? hosts : throw new UserError($"--hosts {settings.HostsFile}: the file names no host");
        }
        catch (FormatException e)
        {
            throw new UserError(e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"--hosts: {e.Message}");
        }
    }

    private static async Task<int> RunAsync(Settings settings, CancellationToken cancel)
    {
        // A wrong -o is reported before the long build; the file appears only once the module has run.
        var (output, outputName) = settings.OutputFile is { } outputFile ? StagedOutput.ForFile(outputFile, "-o") : (null, "");
        using var removedUnlessCommitted = output;
        var (svg, svgName) = settings.SvgFile is { } svgFile ? StagedOutput.ForFile(svgFile, "--svg") : (null, "");
        using var svgRemovedUnlessCommitted = svg;
        using var flameFiles = settings.Stacks.IsEmpty ? null : new FlameFiles(settings.Stacks);
        RunnableScript script;
        EventAggregator? aggregator = null;
        StackFolder? folder = null;
        if (PlainScript.IsNamedBy(settings.Path))
        {
            // Typed-event options were refused while parsing (PlainScriptOptions).
            script = RunnableScript.Of(PlainScript.Load(settings.Path), settings.ScriptArguments, settings.Guru);
        }
        else
        {
            var compiled = ScriptBuilder.Compile(settings.Path);
            if (ScriptBuilder.ReportErrors(compiled))
            {
                return ExitCodes.TranslationError;
            }

            var probeClass = ScriptBuilder.Select(compiled, settings.ClassName);
            // Field names are checked against the script's event types before the long build.
            aggregator = settings.Aggregate.IsEmpty ? null : new EventAggregator(AggregatePlan.Resolve(settings.Aggregate, AggregatePlan.TypesOf(probeClass)));
            folder = settings.Stacks.IsEmpty ? null : new StackFolder(StackPlan.Resolve(settings.Stacks.StackFields, AggregatePlan.TypesOf(probeClass)));
            script = RunnableScript.Of(probeClass, ScriptArgumentValues.Check(probeClass, settings.ScriptArguments));
        }

        // A port in use is found before the long build; the endpoints export until the run ended (the OTLP export once more then).
        await using var metricsServer = settings.ServeMetrics is { } listen && aggregator is not null
            ? MetricsServer.Start(listen, () => PrometheusText.Render(aggregator))
            : null;
        if (metricsServer is not null)
        {
            Status.Notice($"serving the aggregates at http://{MetricsEndpoint.Show(metricsServer.Endpoint)}{MetricsServer.Path}");
        }

        using var otlpExport = settings.Otlp is { } collector && aggregator is not null ? OtlpExport.Start(collector, aggregator) : null;
        if (settings.SshConfig is { } sshConfig)
        {
            if (settings.Remotes.Length == 0 && settings.HostsFile is null)
            {
                throw new UserError("--ssh-config is for the remote hosts of --remote or --hosts");
            }

            if (sshConfig.Contains('%', StringComparison.Ordinal) || !File.Exists(sshConfig))
            {
                throw new UserError($"--ssh-config {sshConfig}: no such file (a path without '%')");
            }
        }

        if (settings.InstallHeaders && settings.Remotes.Length == 0 && settings.HostsFile is null)
        {
            throw new UserError("--install-headers is for the remote hosts of --remote or --hosts");
        }

        if (settings.Remotes.Length > 0 || settings.HostsFile is not null)
        {
            var hosts = RemoteTargets(settings);
            if (settings.ForceVm || settings.ForceLocal || settings.Bulk || settings.VmCommand is not null || settings.VmModules.Length > 0 ||
                settings.VmDisks.Length > 0)
            {
                throw new UserError("--remote and --hosts run on the remote hosts: --vm, --local, --bulk and --vm-* do not apply");
            }

            // The commands run on the remote hosts, whose programs are not this machine's to name: only -d's own paths.
            script = ProgramSymbolsOption.Apply(script, settings.Symbols, command: null, foldsStacks: false, searchPath: null);
            var ssh = new SshSettings { ConfigFile = settings.SshConfig is { } config ? Path.GetFullPath(config) : null };
            var exitCode = await FleetRun.RunAsync(new FleetRun.Request(hosts, ssh, folder is null ? script : script.WithKernelSymbols(), settings.TimeLimit,
                settings.Command, settings.TargetPid, settings.Verbose, settings.Globals.Select(ParseGlobal).ToList(), settings.Format,
                output?.Reserve(outputName), aggregator, folder, settings.InstallHeaders), cancel);
            KeepOutputs(output, svg, svgName, aggregator);
            KeepStacks(flameFiles, folder, script);
            return exitCode;
        }

        var target = TargetDecision.Resolve(settings.ForceVm ? TargetChoice.Vm : settings.ForceLocal ? TargetChoice.Local : TargetChoice.Auto);
        if (target.FallbackReason is { } reason)
        {
            Status.Notice($"this kernel cannot load modules ({reason}): running in a QEMU VM (--vm)");
        }

        if (settings.Bulk && !target.UsesVm)
        {
            throw new UserError("--bulk runs in the VM only (--vm): the per-CPU files are collected from the guest");
        }

        if (settings.VmModules.Length > 0 && !target.UsesVm)
        {
            throw new UserError("--vm-module loads modules into the VM's kernel (--vm); on this kernel use modprobe");
        }

        if (settings.VmDisks.Length > 0 && !target.UsesVm)
        {
            throw new UserError("--vm-disk attaches disks to the VM (--vm); this kernel's own disks are not for fault tests");
        }

        script = ProgramSymbolsOption.Apply(script, settings.Symbols, settings.Command ?? settings.VmCommand, foldsStacks: folder is not null,
            searchPath: target.UsesVm ? VmTarget.CommandSearchPath : null);
        var session = ScriptSession.Open(target);
        if (script.Compiled is { } checkedClass && DebuginfoCheck.Report(checkedClass, session.Toolchain.Debuginfo, Console.Error))
        {
            return ExitCodes.TranslationError;
        }

        if (target.UsesVm)
        {
            await Status.StepAsync("preparing the kernel build tree", progress => session.PrepareAsync(progress, cancel));
            var acceleration = await session.ChooseVmAccelerationAsync(new Progress<string>(Status.Notice), cancel);
            if (acceleration.Notice is { } notice)
            {
                Status.Notice(notice);
            }
        }

        var build = await BuildAsync(session, script, settings.Bulk, kernelSymbols: folder is not null, settings.Verbose, cancel);
        if (build is null)
        {
            return ExitCodes.StapFailed;
        }

        var result = await ExecuteAsync(session, build, script, settings with { OutputFile = output?.Reserve(outputName) }, aggregator, folder);
        if (result.ExitCode is not null)
        {
            // The module ran: what it wrote is kept, also when it failed (it may say why).
            KeepOutputs(output, svg, svgName, aggregator);
            KeepStacks(flameFiles, folder, script);
        }

        return result switch
        {
            { Succeeded: true } => ExitCodes.Success,
            { ExitCode: null, Cancelled: true } => ExitCodes.Cancelled,
            _ => ExitCodes.StapFailed,
        };
    }

    /// <summary>Once the module ran: the -o file as written, and the --svg plot of what was aggregated.</summary>
    private static void KeepOutputs(StagedOutput? output, StagedOutput? svg, string svgName, EventAggregator? aggregator)
    {
        output?.Commit();
        if (svg is not null && aggregator is not null)
        {
            AggregateSvg.Keep(svg, svgName, aggregator);
        }
    }

    /// <summary>Once the module ran: the --folded and --flame files of the folded stacks.</summary>
    private static void KeepStacks(FlameFiles? files, StackFolder? folder, RunnableScript script)
    {
        if (files is not null && folder is not null)
        {
            files.Keep(folder, script.Name);
        }
    }

    private static async Task<ScriptBuild?> BuildAsync(
        ScriptSession session, RunnableScript script, bool bulk, bool kernelSymbols, bool verbose, CancellationToken cancel)
    {
        var stapScript = script.Script;
        if (bulk)
        {
            // Bulk mode is compiled into the module (STP_BULKMODE); staprun finds it there.
            stapScript = stapScript with { Options = [.. stapScript.Options, "-b"] };
        }

        if (kernelSymbols)
        {
            stapScript = FlameFiles.WithKernelSymbols(stapScript);
        }

        var build = await Status.StepAsync($"building {script.Name} (stap -p4{(bulk ? " -b" : "")})", progress =>
            session.BuildAsync(stapScript, progress, cancel));
        var result = build.Result;
        if (!result.Succeeded)
        {
            // stap's errors, at the C# place that produced the failing line (a plain script's at its own).
            script.ReportBuildFailure(build, session.Toolchain.Debuginfo, verbose, Console.Error);
            return null;
        }

        Status.Notice(result.FromCache ? "module unchanged: using the cached build" : $"module built in {result.Elapsed.TotalSeconds:0.0} s");
        return build;
    }

    private static async Task<RunResult> ExecuteAsync(
        ScriptSession session, ScriptBuild build, RunnableScript script, Settings settings, EventAggregator? aggregator, StackFolder? folder)
    {
        // Ctrl-C asks the script to stop (end probes run); a second Ctrl-C ends stapsharp at once.
        using var stop = new CancellationTokenSource();
        var interrupts = 0;
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = ++interrupts == 1;
            Status.Notice("stopping: running the end probes (Ctrl-C again to abort)");
            stop.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            var bulkFolder = Directory.CreateTempSubdirectory("stapsharp-bulk-");
            using var removeBulkFolder = new DeleteOnDispose(bulkFolder);
            var options = new RunOptions
            {
                TimeLimit = settings.TimeLimit is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
                Command = settings.Command,
                TargetPid = settings.TargetPid,
                OutputFile = settings.OutputFile,
                Verbose = settings.Verbose,
                GuestCommand = settings.VmCommand,
                // Commands in the VM are the user's: they run on this machine's files, from this folder.
                ShareHostFileSystem = settings.VmCommand is not null || settings.Command is not null,
                GuestKernelModules = settings.VmModules,
                GuestDisks = settings.VmDisks,
                ModuleGlobals = settings.Globals.Select(ParseGlobal).ToList(),
                Bulk = settings.Bulk,
                GuestCpus = settings.Bulk ? 2 : 1,
                BulkDirectory = settings.Bulk ? bulkFolder.FullName : null,
            };
            var useVm = session.Target.UsesVm;
            if (useVm)
            {
                Status.Notice("booting the VM and loading the module");
            }

            // stdout is written in blocks and flushed once per read of the module's output: Console.Out would flush every line.
            using var stdoutStream = Console.OpenStandardOutput();
            using var stdout = new StreamWriter(stdoutStream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024, leaveOpen: true);
            var printer = new RunPrinter(settings.Format, build.ScriptPath, script.Map, stdout, stdoutStream, Console.Error,
                stdoutIsTerminal: !Console.IsOutputRedirected, aggregator, folder);
            var handlers = printer.Handlers(script.EnumNames);
            // The session decodes the module's bytes (text lines and event frames, byte-exactly) and counts them; staprun's
            // stderr arrives apart. Printing never loses events: a slow terminal slows the run down (the kernel side counts its losses).
            await using var events = session.OpenEvents(build, options, new EventSessionOptions { MaxWaitWhenFull = Timeout.InfiniteTimeSpan }, stop.Token);
            var summary = await events.DispatchAsync(handlers);
            var result = summary.Run!;
            if (settings.Bulk && result.BulkFiles.Count > 0)
            {
                var bulk = await BulkReplay.DispatchAsync(result.BulkFiles, handlers);
                Status.Notice("bulk: " + string.Join(", ", bulk.Files.Select(f => $"cpu {f.Cpu} {f.Records} records")));
                summary = summary.Then(bulk.Summary);
            }

            printer.Complete(summary);
            if (settings.Verbose && result.KernelLog is { } log)
            {
                Console.Error.WriteLine(log);
            }

            var how = result.TimedOut ? " (time limit reached)" : result.Cancelled ? " (stopped)" : string.Empty;
            Status.Notice($"finished{how}: exit code {result.ExitCode?.ToString() ?? "none"}" +
                          (useVm ? $", VM boot {result.BootTime.TotalSeconds:0.0} s, run {result.RunTime.TotalSeconds:0.0} s" : string.Empty));
            if (result.Failure is { } failure)
            {
                // The failure may end with the guest console's last lines: each is printed safely.
                foreach (var line in failure.Split('\n'))
                {
                    Status.Error(line);
                }
            }

            return result;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>NAME=VALUE, already checked by the -G validator.</summary>
    private static KeyValuePair<string, string> ParseGlobal(string assignment)
    {
        var equals = assignment.IndexOf('=', StringComparison.Ordinal);
        return new(assignment[..equals], assignment[(equals + 1)..]);
    }
}

/// <summary>Removes a temporary folder and what is in it.</summary>
internal sealed class DeleteOnDispose(DirectoryInfo folder) : IDisposable
{
    public void Dispose()
    {
        try { folder.Delete(recursive: true); }
        catch (IOException) { }
    }
}
