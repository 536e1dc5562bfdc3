using System.CommandLine;
using PythonCalls;
using Spectre.Console;
using StapSharp.Runtime.Sessions;
using StapSharp.Runtime.Targets;
using StapSharp.Runtime.Toolchain;

var command = new Option<string>("--command", "-c")
{
    Description = "The Python program to trace, as a shell command (python3 app.py); the probes stop when it exits",
    Required = true,
};
var seconds = new Option<int>("--seconds") { Description = "Stop after this many seconds at most", DefaultValueFactory = _ => 120 };
var root = new RootCommand("Python function calls per function: count and latency, from python3.11's SDT markers") { command, seconds };
root.SetAction(async (parse, cancel) =>
{
    if (parse.GetValue(seconds) <= 0)
    {
        Console.Error.WriteLine("calls: --seconds takes a positive number");
        return 2;
    }

    // Ctrl-C stops the probes (the table is still printed); a second one ends the program.
    using var stop = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) => { e.Cancel = !stop.IsCancellationRequested; stop.Cancel(); };
    var session = ScriptSession.Open(TargetChoice.Auto);
    if (session.Target.FallbackReason is { } reason)
    {
        Console.Error.WriteLine($"calls: running in a QEMU VM ({reason})");
    }

    // PythonCallTrace.Script is the script the generator translated from the class at build time, with its build options.
    var build = await session.BuildAsync(
        StapScript.From(PythonCallTrace.Script), new Progress<string>(l => Console.Error.WriteLine($"calls: {l}")), cancel);
    if (!build.Succeeded)
    {
        Console.Error.Write(build.Result.Stderr);
        return 4;
    }

    var options = new RunOptions
    {
        Command = parse.GetValue(command),
        TimeLimit = TimeSpan.FromSeconds(parse.GetValue(seconds)),
        // In the VM, the command runs on this machine's files, from the current folder.
        ShareHostFileSystem = session.Target.UsesVm,
    };
    var table = new CallTable();
    await using (var run = session.OpenEvents(build, options, cancel: stop.Token))
    {
        await foreach (var call in run.Events<PythonCall>(CancellationToken.None))
        {
            table.Add(call);
        }

        var summary = await run.Completion;
        var output = AnsiConsole.Console;
        if (Console.IsOutputRedirected)
        {
            output.Profile.Width = 160; // files and pipes: wide enough that no row wraps
        }

        output.WriteLine($"{table.Calls} calls of {table.Functions} functions");
        output.Write(table.Render());
        if (summary.Dropped > 0 || summary.DecodeErrors > 0)
        {
            Console.Error.WriteLine($"calls: {summary.Dropped} events dropped, {summary.DecodeErrors} not decoded");
        }

        if (summary.Run is { Succeeded: false } failed)
        {
            Console.Error.WriteLine($"calls: the run failed: {failed.Failure ?? $"exit code {failed.ExitCode}"}");
            return 4;
        }
    }

    return 0;
});

try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (ToolchainException error)
{
    // A missing tool or debuginfo: the message says what to install.
    Console.Error.WriteLine($"calls: {error.Message}");
    return 2;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("calls: cancelled");
    return 130;
}
