using System.Diagnostics;
using StapSharp.Tests.Shared;

namespace StapSharp.Completion.Tests.Support;

/// <summary>The real `stapsharp` command, as the build of this configuration made it (a project reference builds it).</summary>
internal static class Cli
{
    private static readonly string Assembly = Path.Combine(
        Repository.Root, "runtime", "StapSharp.Cli", "bin",
        Configuration(), "net10.0", "StapSharp.Cli.dll");

    /// <summary>Release or Debug: the folder above this test's own bin/CONFIGURATION/net10.0.</summary>
    private static string Configuration() =>
        Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar))!);

    /// <summary>Runs `stapsharp ARGUMENTS` with <paramref name="environment"/> set, killing it after <paramref name="limit"/>.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        TimeSpan limit, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", ["exec", Assembly, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repository.Root,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return await ProcessToEnd.RunAsync(start, limit);
    }
}
