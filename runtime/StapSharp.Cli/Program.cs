using StapSharp.Cli;
using StapSharp.Cli.BuildServer;

// Whatever goes wrong, even on another thread, is one line and the internal-error code, never a stack trace.
AppDomain.CurrentDomain.UnhandledException += (_, e) => Environment.Exit(Failures.Internal((Exception)e.ExceptionObject));

// `build` is handed to the warm build server when it can take it: the same command, run there, with the same
// output and exit code, without this process loading the compiler.
if (BuildServerClient.TryRun(args) is { } exitCode)
{
    return exitCode;
}

return await CommandLine.RunAsync(args);
