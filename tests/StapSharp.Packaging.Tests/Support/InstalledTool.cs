using System.Diagnostics;

namespace StapSharp.Packaging.Tests.Support;

/// <summary>The StapSharp.Cli package installed with `dotnet tool install --tool-path`, once for all the tests that run it.</summary>
internal static class InstalledTool
{
    private static Task<string>? installed;

    /// <summary>Runs `stapsharp ARGUMENTS` in <paramref name="workingDirectory"/>, installing the tool on first use.</summary>
    public static async Task<Processes.Result> RunAsync(PackedPackages packages, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(await (installed ??= InstallAsync(packages))) { WorkingDirectory = workingDirectory };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return await Processes.RunAsync(start);
    }

    private static async Task<string> InstallAsync(PackedPackages packages)
    {
        var tools = packages.NewFolder("tools");
        var install = await DotnetCli.RunAsync(packages.NewFolder("install"), packages.Environment,
            "tool", "install", "StapSharp.Cli", "--tool-path", tools, "--configfile", packages.NuGetConfig, "--version", packages.Version);
        Assert.True(install.ExitCode == 0, install.Output);
        Assert.Contains("stapsharp", install.Output, StringComparison.Ordinal);
        return Path.Combine(tools, "stapsharp");
    }
}
