using System.CommandLine;

namespace StapSharp.Cli;

/// <summary>How a command line that cannot run, and a bug, are reported: one line each, with their exit codes.</summary>
internal static class Failures
{
    /// <summary>System.CommandLine's parse errors, each escaped on its own line, and where the usage is.</summary>
    public static int Usage(ParseResult parsed)
    {
        foreach (var error in parsed.Errors)
        {
            Status.Error(error.Message);
        }

        var names = new List<string>();
        for (var result = parsed.CommandResult; result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
        {
            names.Insert(0, result.Command.Name);
        }

        Status.Error($"usage: {string.Join(' ', names.Prepend(ToolName.Value))} --help");
        return ExitCodes.UsageError;
    }

    /// <summary>A bug: one line, and with STAPSHARP_DEBUG=1 the whole exception for a bug report.</summary>
    public static int Internal(Exception error)
    {
        Status.Error($"internal error: {error.GetType().Name}: {error.Message} (a bug in stapsharp; set STAPSHARP_DEBUG=1 for details)");
        if (Environment.GetEnvironmentVariable("STAPSHARP_DEBUG") is { Length: > 0 })
        {
            Console.Error.WriteLine(error);
        }

        return ExitCodes.InternalError;
    }
}
