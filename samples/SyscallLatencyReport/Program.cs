using System.CommandLine;
using Spectre.Console;
using StapSharp.Runtime.Toolchain;
using SyscallLatencyReport;

var seconds = new Option<int>("--seconds") { Description = "How long to measure", DefaultValueFactory = _ => ReportOptions.DefaultSeconds };
var vmCommand = new Option<string>("--vm-command")
{
    Description = "In the VM: the shell command that makes system calls to measure",
    DefaultValueFactory = _ => ReportOptions.DefaultVmCommand,
};
var svg = new Option<string?>("--svg") { Description = "Write an SVG latency plot to this file" };
var root = new RootCommand("Per-process, per-syscall latency: runs the SyscallLatency probe script and reports percentiles, a histogram and the top calls")
{
    seconds, vmCommand, svg,
};
root.SetAction(async (parse, cancel) =>
{
    var options = new ReportOptions(parse.GetValue(seconds), parse.GetValue(vmCommand)!, parse.GetValue(svg));
    if (options.Seconds <= 0)
    {
        throw new ReportError("--seconds takes a positive number");
    }

    // Ctrl-C during the build ends the program; during the measurement it stops the probes (the end
    // probes still run) and the report is printed.
    using var stop = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) => { e.Cancel = !stop.IsCancellationRequested; stop.Cancel(); };
    var output = AnsiConsole.Console;
    if (Console.IsOutputRedirected)
    {
        output.Profile.Width = 120; // files and pipes: wide enough that no line or table wraps
    }

    return await new LatencyReport(output, Console.Error).RunAsync(options, stop.Token);
});

try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (ReportError error)
{
    Console.Error.WriteLine($"report: {error.Message}");
    return 2;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("report: cancelled");
    return 130;
}
catch (ToolchainException error)
{
    Console.Error.WriteLine($"report: {error.Message}");
    return 2;
}
catch (Exception error) when (error is IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"report: {error.Message}");
    return 2;
}
catch (Exception error) when (Environment.GetEnvironmentVariable("STAPSHARP_DEBUG") is null)
{
    // One line for the user; STAPSHARP_DEBUG=1 shows the whole exception for a bug report.
    Console.Error.WriteLine($"report: internal error: {error.GetType().Name}: {error.Message} (set STAPSHARP_DEBUG=1 for details)");
    return 3;
}
