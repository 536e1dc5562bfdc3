using static StapSharp.EndToEnd.Tests.CommandLine.CliSources;

namespace StapSharp.EndToEnd.Tests.Remote;

/// <summary>
/// What `--remote` and `--hosts` refuse before anything runs, and a host that cannot be reached: no VM needed.
/// A host string that could reach ssh as an option never does: the command line refuses it.
/// </summary>
public sealed class RemoteCommandLineTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    [Theory]
    [InlineData("ssh://-oProxyCommand=touch${IFS}pwned", "not a host name")]
    [InlineData("ssh://-oProxyCommand=touch", "not a host name")]
    [InlineData("ssh://root@host;touch pwned", "not a host name")]
    [InlineData("ssh://root@host:22/touch", "no path")]
    public async Task A_remote_target_that_is_not_one_is_a_usage_error_and_nothing_runs(string target, string problem)
    {
        using var temp = new TempFolder();
        temp.Write("Hello.cs", Hello);

        var result = await CliRunner.RunInAsync(temp.Path, Limit, "run", "Hello.cs", $"--remote={target}");

        Assert.True(result.ExitCode == 64, result.ToString());
        Assert.Contains($"--remote: remote target '{target}'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(problem, result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(temp.Path, "pwned")));
    }

    [Fact]
    public async Task A_bad_line_of_the_hosts_file_is_named_by_file_and_line()
    {
        using var temp = new TempFolder();
        temp.Write("Hello.cs", Hello);
        temp.Write("fleet.txt", "# hosts\nssh://root@127.0.0.1:2222\nssh://-oProxyCommand=sh\n");

        var result = await CliRunner.RunInAsync(temp.Path, Limit, "run", "Hello.cs", "--hosts", "fleet.txt");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("stapsharp: fleet.txt:3: remote target 'ssh://-oProxyCommand=sh': '-oProxyCommand=sh' is not a host name", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_vm_options_do_not_mix_with_remote_hosts()
    {
        using var temp = new TempFolder();
        temp.Write("Hello.cs", Hello);

        var result = await CliRunner.RunInAsync(temp.Path, Limit, "run", "Hello.cs", "--remote", "ssh://root@127.0.0.1:2222", "--vm");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--remote and --hosts run on the remote hosts", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Installing_headers_is_only_for_remote_hosts()
    {
        using var temp = new TempFolder();
        temp.Write("Hello.cs", Hello);

        var result = await CliRunner.RunInAsync(temp.Path, Limit, "run", "Hello.cs", "--install-headers", "-T", "1");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--install-headers is for the remote hosts of --remote or --hosts", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_nothing_answers_on_is_reported_with_sshs_reason()
    {
        using var temp = new TempFolder();
        temp.Write("Hello.cs", Hello);
        var port = LoopbackPorts.Closed();

        var result = await CliRunner.RunInAsync(temp.Path, Limit, "run", "Hello.cs", "--remote", $"ssh://root@127.0.0.1:{port}");

        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.Contains("0 of 1 hosts ready", result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"stapsharp: root@127.0.0.1:{port}: release unknown, clock unknown, 0 events, 0 drops, 0 warnings, 0 late, FAILED connect: ssh could not connect: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Connection refused", result.Stderr, StringComparison.Ordinal);
    }
}
