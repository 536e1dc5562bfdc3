using System.CommandLine;
using StapSharp.Compiler;
using StapSharp.Cli.Output;
using StapSharp.Compiler.Validation;
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
        string? Command, int? TargetPid, string? OutputFile, bool Verbose, string[] Globals, OutputFormat Format, string[] ScriptArguments);

    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "A .cs file, a folder, or a .csproj" };
        var className = new Option<string?>("--class") { Description = "The probe script class to run, when there are several" };
        var timeLimit = new Option<int?>("--time-limit", "-T") { Description = "Stop after this many seconds (end probes still run)" };
        var vm = new Option<bool>("--vm") { Description = "Run in a throw-away QEMU VM booting the distribution kernel (the default when this kernel cannot load modules)" };
        var local = new Option<bool>("--local") { Description = "Run on this kernel with staprun" };
        var vmCommand = new Option<string?>("--vm-command") { Description = "VM only: a shell command run inside the VM once the probes are live, to make them fire" };
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
            Description = "After --: the script's arguments ($1, @1, ...) for its [ScriptArgument(N)] fields, compiled into the module",
            Arity = ArgumentArity.ZeroOrMore,
        };

        var run = new Command("run", "Build a probe script's module and run it, streaming its output")
        {
            path, scriptArguments, className, timeLimit, vm, local, vmCommand, command, pid, output, verbose, globals, format,
        };
        run.SetAction((parse, cancel) => RunAsync(
            new Settings(
                parse.GetValue(path)!, parse.GetValue(className), parse.GetValue(timeLimit), parse.GetValue(vm), parse.GetValue(local),
                parse.GetValue(vmCommand), parse.GetValue(command), parse.GetValue(pid), parse.GetValue(output), parse.GetValue(verbose),
                parse.GetValue(globals) ?? [], parse.GetValue(format), parse.GetValue(scriptArguments) ?? []),
            cancel));
        return run;
    }

    private static async Task<int> RunAsync(Settings settings, CancellationToken cancel)
    {
        if (settings.ForceVm && settings.ForceLocal)
        {
            throw new UserError("--vm and --local exclude each other");
        }

        var compiled = ScriptBuilder.Compile(settings.Path);
        ScriptBuilder.Report(compiled.Diagnostics, Console.Error);
        if (compiled.HasErrors)
        {
            return 1;
        }

        var script = ScriptBuilder.Select(compiled, settings.ClassName);
        var arguments = ScriptArgumentValues.Check(script, settings.ScriptArguments);
        var target = TargetDecision.Resolve(settings.ForceVm ? TargetChoice.Vm : settings.ForceLocal ? TargetChoice.Local : TargetChoice.Auto);
        if (target.FallbackReason is { } reason)
        {
            Status.Notice($"this kernel cannot load modules ({reason}): running in a QEMU VM (--vm)");
        }

        var session = ScriptSession.Open(target);
        if (target.UsesVm)
        {
            await Status.StepAsync("preparing the kernel build tree", progress => session.PrepareAsync(progress, cancel));
        }

        var build = await BuildAsync(session, script, arguments, settings.Verbose, cancel);
        if (build is null)
        {
            return 1;
        }

        return await ExecuteAsync(session, build, script, settings);
    }

    private static async Task<ScriptBuild?> BuildAsync(ScriptSession session, CompiledScript script, IReadOnlyList<string> arguments, bool verbose, CancellationToken cancel)
    {
        var build = await Status.StepAsync($"building {script.ClassName} (stap -p4)", progress =>
            session.BuildAsync(ScriptFiles.ToStapScript(script, arguments), progress, cancel));
        var result = build.Result;
        if (!result.Succeeded)
        {
            // stap's errors, at the C# place that produced the failing line.
            ScriptBuilder.Report(StapErrorMapper.Map(result.Stderr, build.ScriptPath, script.Map), Console.Error);
            Console.Error.WriteLine($"stapsharp: building the module failed{(result.TimedOut ? " (time limit)" : string.Empty)}");
            if (verbose)
            {
                Console.Error.WriteLine(result.Stderr);
            }

            return null;
        }

        Status.Notice(result.FromCache ? "module unchanged: using the cached build" : $"module built in {result.Elapsed.TotalSeconds:0.0} s");
        return build;
    }

    private static async Task<int> ExecuteAsync(ScriptSession session, ScriptBuild build, CompiledScript script, Settings settings)
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
            var options = new RunOptions
            {
                TimeLimit = settings.TimeLimit is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
                Command = settings.Command,
                TargetPid = settings.TargetPid,
                OutputFile = settings.OutputFile,
                Verbose = settings.Verbose,
                GuestCommand = settings.VmCommand,
                ModuleGlobals = settings.Globals.Select(ParseGlobal).ToList(),
            };
            var useVm = session.Target.UsesVm;
            if (useVm)
            {
                Status.Notice("booting the VM and loading the module");
            }

            var printer = new RunPrinter(settings.Format, build.ScriptPath, script.Map, Console.Out, Console.OpenStandardOutput(), Console.Error,
                stdoutIsTerminal: !Console.IsOutputRedirected);
            var result = await session.RunAsync(build, options, line =>
            {
                printer.Text(line);
                return ValueTask.CompletedTask;
            }, stop.Token);
            printer.Complete();
            if (settings.Verbose && result.KernelLog is { } log)
            {
                Console.Error.WriteLine(log);
            }

            var how = result.TimedOut ? " (time limit reached)" : result.Cancelled ? " (stopped)" : string.Empty;
            Status.Notice($"finished{how}: exit code {result.ExitCode?.ToString() ?? "none"}" +
                          (useVm ? $", VM boot {result.BootTime.TotalSeconds:0.0} s, run {result.RunTime.TotalSeconds:0.0} s" : string.Empty));
            if (result.Failure is { } failure)
            {
                Console.Error.WriteLine($"stapsharp: {failure}");
            }

            return result.ExitCode ?? 4;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static KeyValuePair<string, string> ParseGlobal(string assignment)
    {
        var equals = assignment.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new UserError($"-G {assignment}: write NAME=VALUE");
        }

        return new(assignment[..equals], assignment[(equals + 1)..]);
    }
}
