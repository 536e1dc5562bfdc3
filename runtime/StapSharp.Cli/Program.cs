using System.CommandLine;
using System.CommandLine.Invocation;
using StapSharp.Cli;

// Whatever goes wrong, even on another thread, is one line and the internal-error code, never a stack trace.
AppDomain.CurrentDomain.UnhandledException += (_, e) => Environment.Exit(Failures.Internal((Exception)e.ExceptionObject));

var root = StapSharpCommand.Create();

try
{
    // No response files: `@FILE` would be read with none of the rules for input files (@/dev/zero never ends).
    var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
    if (parsed.Action is ParseErrorAction)
    {
        return Failures.Usage(parsed);
    }

    return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
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
