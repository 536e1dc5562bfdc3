using System.Diagnostics;
using System.Text;

namespace StapSharp.EndToEnd.Tests.CommandLine;

/// <summary>What a command did: its exit code, its output and the files it left (name, mode, text) in a folder.</summary>
internal sealed record Outcome(int ExitCode, string Stdout, string Stderr, string Files);

/// <summary>
/// A folder for build servers of its own (XDG_RUNTIME_DIR/stapsharp), whose servers are stopped at the end.
/// Commands run with STAPSHARP_DEBUG=1 unless told otherwise, so a build the server did not take says why on stderr.
/// </summary>
internal sealed class ServerSandbox(bool debug = true) : IDisposable
{
    // Guards against a hang, not a timing assert.
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    private readonly TempFolder _runtime = new();

    public string ServerFolder => Path.Combine(_runtime.Path, "stapsharp");

    public Task<CliRunner.Result> RunAsync(bool server, string workingDirectory, params string[] arguments) =>
        CliRunner.RunAsync(StartInfo(server, workingDirectory, umask: null, arguments), Limit);

    /// <summary>Runs the command in <paramref name="workingDirectory"/>, a build through this sandbox's server.</summary>
    public Task<CliRunner.Result> RunInAsync(string workingDirectory, TimeSpan limit, params string[] arguments) =>
        CliRunner.RunAsync(StartInfo(server: true, workingDirectory, umask: null, arguments), limit);

    /// <summary>Runs the command in its process, then through the server, each time with <paramref name="output"/> emptied first.</summary>
    public Task<(Outcome InProcess, Outcome Server)> BothWaysAsync(string workingDirectory, string output, params string[] arguments) =>
        BothWaysAsync(workingDirectory, output, umask: null, arguments);

    public async Task<(Outcome InProcess, Outcome Server)> BothWaysAsync(string workingDirectory, string output, string? umask, params string[] arguments)
    {
        var inProcess = await OutcomeAsync(server: false, workingDirectory, output, umask, arguments);
        var server = await OutcomeAsync(server: true, workingDirectory, output, umask, arguments);
        return (inProcess, server);
    }

    /// <summary>Starts this sandbox's server with a build and returns its socket.</summary>
    public async Task<string> StartedSocketAsync()
    {
        using var temp = new TempFolder();
        var build = await RunAsync(server: true, CliRunner.RepositoryRoot(), "build", "samples/HelloWorld", "-o", temp.Path);
        Assert.True(build.ExitCode == 0 && build.Stderr == "", build.ToString());
        return SocketPath();
    }

    public string SocketPath() => Assert.Single(Directory.GetFiles(ServerFolder, "*.sock"));

    public void Dispose()
    {
        RunAsync(server: false, CliRunner.RepositoryRoot(), "build-server", "stop").GetAwaiter().GetResult();
        _runtime.Dispose();
    }

    private async Task<Outcome> OutcomeAsync(bool server, string workingDirectory, string output, string? umask, string[] arguments)
    {
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }

        var result = await CliRunner.RunAsync(StartInfo(server, workingDirectory, umask, arguments), Limit);
        var files = new StringBuilder();
        if (Directory.Exists(output))
        {
            foreach (var file in Directory.GetFiles(output, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                files.Append(Path.GetRelativePath(output, file)).Append(' ').Append(OperatingSystem.IsWindows() ? default : File.GetUnixFileMode(file)).Append('\n').Append(File.ReadAllText(file));
            }
        }

        return new Outcome(result.ExitCode, result.Stdout, result.Stderr, files.ToString());
    }

    public ProcessStartInfo StartInfo(bool server, string workingDirectory, string? umask, params string[] arguments)
    {
        var command = CliRunner.StartInfo(arguments);
        // The umask is the shell's to set: `sh -c 'umask M && exec "$@"' sh COMMAND...`.
        var start = umask is null ? command : new ProcessStartInfo("/bin/sh", ["-c", $"umask {umask} && exec \"$@\"", "sh", command.FileName, .. command.ArgumentList])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.WorkingDirectory = workingDirectory;
        start.Environment["XDG_RUNTIME_DIR"] = _runtime.Path;
        start.Environment["STAPSHARP_BUILD_SERVER"] = server ? "1" : "0";
        if (debug)
        {
            start.Environment["STAPSHARP_DEBUG"] = "1";
        }

        return start;
    }
}

/// <summary>A build server for the tests of a class, warm after their first build, without STAPSHARP_DEBUG.</summary>
public sealed class BuildServerFixture : IDisposable
{
    internal ServerSandbox Sandbox { get; } = new(debug: false);

    public void Dispose() => Sandbox.Dispose();
}
