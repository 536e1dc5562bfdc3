using System.CommandLine;
using StapSharp.Cli;
using StapSharp.Cli.Commands;

var root = new RootCommand("stapsharp: write SystemTap probes in C#, build them, run them, read their output")
{
    BuildCommand.Create(),
    CheckCommand.Create(),
    RunCommand.Create(),
    DoctorCommand.Create(),
    ErrnoCommand.Create(),
};

try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (UserError error)
{
    Console.Error.WriteLine($"stapsharp: {error.Message}");
    return 2;
}
catch (StapSharp.Runtime.Toolchain.ToolchainException error)
{
    Console.Error.WriteLine($"stapsharp: {error.Message}");
    if (error.FixCommand is { } fix)
    {
        Console.Error.WriteLine($"stapsharp: to fix: {fix}");
    }

    return 2;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("stapsharp: cancelled");
    return 130;
}
catch (Exception error) when (Environment.GetEnvironmentVariable("STAPSHARP_DEBUG") is null)
{
    // Users get one line; STAPSHARP_DEBUG=1 shows the whole exception for a bug report.
    Console.Error.WriteLine($"stapsharp: internal error: {error.GetType().Name}: {error.Message} (set STAPSHARP_DEBUG=1 for details)");
    return 3;
}
