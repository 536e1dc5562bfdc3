using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text;
using StapSharp.Cli.BuildServer;

namespace StapSharp.EndToEnd.Tests.CommandLine;

/// <summary>
/// `stapsharp build` handed to the build server gives what it gives in its own process: the same stdout, stderr
/// (byte for byte), exit code and files; and a server it cannot trust or reach is passed over for the process.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class BuildServerTests(BuildServerTests.SharedServer shared) : IClassFixture<BuildServerTests.SharedServer>
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    public static TheoryData<string> Samples() =>
        new(Directory.GetDirectories(Path.Combine(CliRunner.RepositoryRoot(), "samples")).Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task A_sample_builds_the_same_through_the_server(string sample)
    {
        using var temp = new TempFolder();
        var output = Path.Combine(temp.Path, "out");

        var (inProcess, server) = await shared.Sandbox.BothWaysAsync(CliRunner.RepositoryRoot(), output, "build", $"samples/{sample}", "-o", output);

        Assert.Equal(inProcess, server);
    }

    [Theory]
    [InlineData(1, "build", "Broken.cs")]                // C# and STAPxxxx errors, at paths relative to the working folder
    [InlineData(1, "build", "Broken.cs", "-o", "out")]
    [InlineData(0, "build", "Good.cs", "-o", "out")]
    [InlineData(2, "build", "Good.cs", "-o", "Good.cs")] // -o names a file
    [InlineData(2, "build", "missing.cs")]
    [InlineData(64, "build", "Good.cs", "--no-such-option")]
    [InlineData(64, "build")]
    public async Task Errors_and_their_exit_codes_are_the_same_through_the_server(int exitCode, params string[] arguments)
    {
        using var temp = new TempFolder();
        temp.Write("Broken.cs", """
            using StapSharp;
            using static StapSharp.Stap;
            public sealed class Broken : ProbeScript
            {
                [Probe("syscall.mkdir")]
                void Enter(string argstr) { int n = "text"; Println("\u001b[31m" + argstr); }
                [Probe("begin { system(\"id\") } probe end")]
                void Evil() { }
            }
            """);
        temp.Write("Good.cs", File.ReadAllText(Path.Combine(CliRunner.RepositoryRoot(), "samples", "HelloWorld", "HelloWorld.cs")));

        var (inProcess, server) = await shared.Sandbox.BothWaysAsync(temp.Path, Path.Combine(temp.Path, "out"), arguments);

        Assert.Equal(inProcess, server);
        Assert.Equal(exitCode, server.ExitCode);
    }

    [Fact]
    public async Task Files_are_written_with_the_clients_umask()
    {
        using var temp = new TempFolder();
        temp.Write("Good.cs", File.ReadAllText(Path.Combine(CliRunner.RepositoryRoot(), "samples", "HelloWorld", "HelloWorld.cs")));

        var (inProcess, server) = await shared.Sandbox.BothWaysAsync(temp.Path, Path.Combine(temp.Path, "out"), umask: "077", "build", "Good.cs", "-o", "out/new");

        Assert.Equal(inProcess, server);
        Assert.StartsWith("new/HelloWorld.stp UserWrite, UserRead\n", server.Files, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_first_build_starts_the_server_and_stop_ends_it()
    {
        using var sandbox = new ServerSandbox();
        using var temp = new TempFolder();

        var build = await sandbox.RunAsync(server: true, CliRunner.RepositoryRoot(), "build", "samples/HelloWorld", "-o", temp.Path);
        var socket = sandbox.SocketPath();
        var stop = await sandbox.RunAsync(server: false, CliRunner.RepositoryRoot(), "build-server", "stop");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Equal("", build.Stderr); // with STAPSHARP_DEBUG=1, a build the server did not take says why
        Assert.Equal($"stopped the build server at {socket}\n", stop.Stdout);
        Assert.Empty(Directory.GetFileSystemEntries(sandbox.ServerFolder));
        Assert.Equal("", (await sandbox.RunAsync(server: false, CliRunner.RepositoryRoot(), "build-server", "stop")).Stdout);
    }

    [Fact]
    public async Task The_server_runs_build_command_lines_only()
    {
        using var sandbox = new ServerSandbox();
        var socketPath = await sandbox.StartedSocketAsync();
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath));
        await using var stream = new NetworkStream(socket);

        BuildProtocol.Write(stream, new BuildRequest("/", Convert.ToUInt32("022", 8), 65001, new Dictionary<string, string>(), ["errno", "5"]));
        var answer = BuildProtocol.ReadResponse(stream);

        Assert.Equal(new BuildDeclined("the build server runs build command lines only"), answer);
    }

    [Fact]
    public async Task Concurrent_first_builds_start_one_server_and_all_succeed()
    {
        using var sandbox = new ServerSandbox();
        using var temp = new TempFolder();
        string[] samples = ["HelloWorld", "MkdirTrace", "MkdirStats", "StackProfile"];

        var results = await Task.WhenAll(samples.Select(sample =>
            sandbox.RunAsync(server: true, CliRunner.RepositoryRoot(), "build", $"samples/{sample}", "-o", Path.Combine(temp.Path, sample))));

        Assert.All(results, result => Assert.True(result.ExitCode == 0 && result.Stderr == "", result.ToString()));
        foreach (var sample in samples)
        {
            Assert.Equal(
                File.ReadAllText(Path.Combine(CliRunner.RepositoryRoot(), "samples", sample, $"{sample}.verified.stp")),
                File.ReadAllText(Path.Combine(temp.Path, sample, $"{sample}.stp")));
        }

        Assert.Single(Directory.GetFiles(sandbox.ServerFolder, "*.sock"));
    }

    [Fact]
    public async Task A_stale_socket_file_is_replaced_by_a_new_server()
    {
        using var sandbox = new ServerSandbox();
        using var temp = new TempFolder();
        var socket = await sandbox.StartedSocketAsync();
        await sandbox.RunAsync(server: false, CliRunner.RepositoryRoot(), "build-server", "stop");
        File.WriteAllText(socket, "left behind");

        var build = await sandbox.RunAsync(server: true, CliRunner.RepositoryRoot(), "build", "samples/HelloWorld", "-o", temp.Path);
        var stop = await sandbox.RunAsync(server: false, CliRunner.RepositoryRoot(), "build-server", "stop");

        Assert.True(build.ExitCode == 0 && build.Stderr == "", build.ToString());
        Assert.Equal($"stopped the build server at {socket}\n", stop.Stdout);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("silence")]
    [InlineData("truncated")]
    public async Task A_foreign_listener_at_the_socket_is_passed_over(string answer)
    {
        using var sandbox = new ServerSandbox();
        using var temp = new TempFolder();
        var socketPath = await sandbox.StartedSocketAsync();
        await sandbox.RunAsync(server: false, CliRunner.RepositoryRoot(), "build-server", "stop");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        listener.Listen();
        var impostor = AnswerOnceAsync(listener, answer);

        var expected = await sandbox.RunAsync(server: false, CliRunner.RepositoryRoot(), "build", "samples/MkdirTrace", "-o", Path.Combine(temp.Path, "a"));
        var build = await sandbox.RunAsync(server: true, CliRunner.RepositoryRoot(), "build", "samples/MkdirTrace", "-o", Path.Combine(temp.Path, "a"));
        await impostor.WaitAsync(Limit);

        Assert.Equal(expected.ExitCode, build.ExitCode);
        Assert.Equal(expected.Stdout, build.Stdout);
        Assert.StartsWith("stapsharp: build server not used: ", build.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, build.ExitCode);
    }

    [Fact]
    public async Task A_server_folder_others_may_enter_is_not_used()
    {
        using var sandbox = new ServerSandbox();
        using var temp = new TempFolder();
        Directory.CreateDirectory(sandbox.ServerFolder);
        File.SetUnixFileMode(sandbox.ServerFolder, (UnixFileMode)Convert.ToInt32("755", 8));

        var build = await sandbox.RunAsync(server: true, CliRunner.RepositoryRoot(), "build", "samples/HelloWorld", "-o", temp.Path);

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Empty(Directory.GetFileSystemEntries(sandbox.ServerFolder));
        Assert.Equal(
            File.ReadAllText(Path.Combine(CliRunner.RepositoryRoot(), "samples", "HelloWorld", "HelloWorld.verified.stp")),
            File.ReadAllText(Path.Combine(temp.Path, "HelloWorld.stp")));
    }

    /// <summary>Accepts one connection and answers it as no build server would.</summary>
    private static async Task AnswerOnceAsync(Socket listener, string answer)
    {
        using var connection = await listener.AcceptAsync();
        switch (answer)
        {
            case "garbage":
                await connection.SendAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\n\r\n"));
                break;
            case "truncated":
                // The version line, and then nothing: a server that ended mid-answer.
                byte[] versionThenOutputTag = [24, .. Encoding.ASCII.GetBytes("stapsharp-build-server 1"), 1, 1];
                await connection.SendAsync(versionThenOutputTag);
                break;
        }

        connection.Shutdown(SocketShutdown.Both);
    }

    /// <summary>One sandbox whose server the sample theories share, warm after the first of them.</summary>
    public sealed class SharedServer : IDisposable
    {
        internal ServerSandbox Sandbox { get; } = new();

        public void Dispose() => Sandbox.Dispose();
    }
}
