using System.Diagnostics;

namespace StapSharp.Packaging.Tests.Support;

/// <summary>The StapSharp.Cli package installed with `dotnet tool install --tool-path`, once for all the tests that run it.</summary>
internal static class InstalledTool
{
    private static Task<string>? installed;

    /// <summary>
    /// Runs `stapsharp ARGUMENTS` in <paramref name="workingDirectory"/>, installing the tool on first use; `build` in its
    /// own process, with no build server left behind.
    /// </summary>
    public static Task<Processes.Result> RunAsync(PackedPackages packages, string workingDirectory, params string[] arguments) =>
        RunAsync(packages, workingDirectory, new Dictionary<string, string> { ["STAPSHARP_BUILD_SERVER"] = "0" }, arguments);

    /// <summary>Runs `stapsharp ARGUMENTS` with <paramref name="environment"/> added to this process's.</summary>
    public static async Task<Processes.Result> RunAsync(
        PackedPackages packages, string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(await (installed ??= InstallAsync(packages))) { WorkingDirectory = workingDirectory };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

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
