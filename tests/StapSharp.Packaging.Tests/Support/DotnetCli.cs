using System.Diagnostics;

namespace StapSharp.Analyzers.Tests.Support;

/// <summary>Runs the dotnet CLI as a user would, without leaving build servers behind.</summary>
public static class DotnetCli
{
    public sealed record Result(int ExitCode, string Output);

    public static async Task<Result> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // Builds leave no compiler server or MSBuild node running after the test.
        string[] noServers = arguments[0] is "build" or "pack" ? ["--disable-build-servers", "-p:UseSharedCompilation=false", "-nologo"] : [];
        foreach (var argument in arguments.Concat(noServers))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // A hang guard, not a measurement: a cold restore and build on a busy machine takes minutes.
        using var hang = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        try
        {
            await process.WaitForExitAsync(hang.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} did not finish in 10 minutes");
        }

        return new Result(process.ExitCode, await stdout + await stderr);
    }
}
