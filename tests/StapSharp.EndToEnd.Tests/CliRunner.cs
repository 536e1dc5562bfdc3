using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace StapSharp.EndToEnd.Tests;

/// <summary>Runs the real `stapsharp` command (the CLI assembly beside the tests) as a separate process.</summary>
internal static class CliRunner
{
    public static string RepositoryRoot() => RepositoryRootFrom();

    // The caller's file path is this file's only when taken here: a test in a subfolder would get its own.
    private static string RepositoryRootFrom([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", ".."));

    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public IReadOnlyList<string> StdoutLines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
    }

    /// <summary>How to start `stapsharp ARGUMENTS` from the repository root, with its output captured.</summary>
    public static ProcessStartInfo StartInfo(params string[] arguments) => ProgramStartInfo("StapSharp.Cli.dll", arguments);

    public static Task<Result> RunAsync(TimeSpan limit, params string[] arguments) =>
        RunProgramAsync("StapSharp.Cli.dll", limit, arguments);

    /// <summary>Runs `stapsharp ARGUMENTS` in <paramref name="workingDirectory"/> (relative paths and the default -o are taken there).</summary>
    public static Task<Result> RunInAsync(string workingDirectory, TimeSpan limit, params string[] arguments)
    {
        var start = StartInfo(arguments);
        start.WorkingDirectory = workingDirectory;
        return RunAsync(start, limit);
    }

    /// <summary>Runs `stapsharp ARGUMENTS` with some environment variables set.</summary>
    public static Task<Result> RunAsync(TimeSpan limit, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = StartInfo(arguments);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return RunAsync(start, limit);
    }

    /// <summary>
    /// How to start a program built beside the tests (a project reference) from the repository root. `build` runs in
    /// the process itself, as with the build server turned off: the server's tests start servers of their own.
    /// </summary>
    public static ProcessStartInfo ProgramStartInfo(string assembly, params string[] arguments) =>
        new("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, assembly), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot(),
            Environment = { ["STAPSHARP_BUILD_SERVER"] = "0" },
        };

    /// <summary>Runs a program built beside the tests to its end, killing it after <paramref name="limit"/>.</summary>
    public static Task<Result> RunProgramAsync(string assembly, TimeSpan limit, params string[] arguments) =>
        RunAsync(ProgramStartInfo(assembly, arguments), limit);

    /// <summary>Runs <paramref name="start"/> (from <see cref="StartInfo"/>, changed as a test needs) to its end, killing it after <paramref name="limit"/>.</summary>
    public static async Task<Result> RunAsync(ProcessStartInfo start, TimeSpan limit)
    {
        var (exitCode, stdout, stderr) = await StapSharp.Tests.Shared.ProcessToEnd.RunAsync(start, limit);
        return new Result(exitCode, stdout, stderr);
    }
}

/// <summary>A temporary folder removed with everything in it.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("stapsharp-e2e-").FullName;

    /// <summary>Writes <paramref name="text"/> to a file of this folder and returns its path.</summary>
    public string Write(string fileName, string text)
    {
        var path = System.IO.Path.Combine(Path, fileName);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
