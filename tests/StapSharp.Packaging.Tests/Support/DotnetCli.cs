using System.Diagnostics;

namespace StapSharp.Packaging.Tests.Support;

/// <summary>Runs the dotnet CLI as a user would, without leaving build servers behind.</summary>
public static class DotnetCli
{
    public sealed record Result(int ExitCode, string Output);

    public static async Task<Result> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory };
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

        var result = await Processes.RunAsync(start);
        return new Result(result.ExitCode, result.Stdout + result.Stderr);
    }
}
