using System.CommandLine;
using System.CommandLine.Invocation;

namespace StapSharp.Cli;

/// <summary>
/// One stapsharp command line, parsed and run, with every failure turned into its line and exit code. The
/// process runs it once; the build server runs it once per request, with the client's output writers.
/// </summary>
internal static class CommandLine
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = StapSharpCommand.Create();
        try
        {
            // No response files: `@FILE` would be read with none of the rules for input files (@/dev/zero never ends).
            var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
            if (parsed.Action is ParseErrorAction)
            {
                return Failures.Usage(parsed);
            }

            return await parsed.InvokeAsync(new InvocationConfiguration
            {
                EnableDefaultExceptionHandler = false,
                // The console the command writes to: in the build server, the request's, not the one it started with.
                Output = Console.Out,
                Error = Console.Error,
            });
        }
        catch (UsageError error)
        {
            Status.Error(error.Message);
            return ExitCodes.UsageError;
        }
        catch (UserError error)
        {
            Status.Error(error.Message);
            return ExitCodes.UserError;
        }
        catch (StapSharp.Runtime.Toolchain.ToolchainException error)
        {
            // The message's lines are the toolchain's own (the last one says how to fix it); each is printed safely.
            foreach (var line in error.Message.Split('\n'))
            {
                Status.Error(line);
            }

            return ExitCodes.UserError;
        }
        catch (OperationCanceledException)
        {
            Status.Error("cancelled");
            return ExitCodes.Cancelled;
        }
        catch (Exception error)
        {
            return Failures.Internal(error);
        }
    }
}
