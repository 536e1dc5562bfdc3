using StapSharp.Cli;
using static StapSharp.EndToEnd.Tests.CommandLine.CliSources;

namespace StapSharp.EndToEnd.Tests.CommandLine;

/// <summary>Every command ends with the documented exit code of what went wrong (README.md, "The command line").</summary>
public sealed class ExitCodeTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    [Theory]
    [InlineData("bogus")]
    [InlineData]
    [InlineData("build")]
    [InlineData("build", "x.cs", "--no-such-option")]
    [InlineData("check", "x.cs", "-p", "9")]
    [InlineData("check", "x.cs", "-p", "two")]
    [InlineData("run", "x.cs", "--vm", "--local")]
    [InlineData("run", "x.cs", "-T", "0")]
    [InlineData("run", "x.cs", "-T", "99999999")]
    [InlineData("run", "x.cs", "-x", "-3")]
    [InlineData("run", "x.cs", "-c", "true", "-x", "5")]
    [InlineData("run", "x.cs", "-G", "1x=2")]
    [InlineData("run", "x.cs", "-G", "novalue")]
    [InlineData("run", "x.cs", "--bulk", "-o", "out")]
    [InlineData("run", "x.cs", "--format", "xml")]
    [InlineData("errno")]
    [InlineData("errno", "5", "--all")]
    [InlineData("doctor", "extra")]
    public async Task A_wrong_command_line_is_a_usage_error(params string[] arguments)
    {
        var result = await CliRunner.RunAsync(Limit, arguments);

        Assert.True(result.ExitCode == 64, result.ToString());
        Assert.Matches(@"stapsharp: usage: stapsharp( \w+)? --help\n$", result.Stderr);
        AssertNoStackTrace(result);
    }

    [Theory]
    [InlineData("build")]
    [InlineData("check")]
    [InlineData("run")]
    public async Task A_translation_error_is_exit_code_1_for_every_command(string command)
    {
        using var temp = new TempFolder();
        var source = temp.Write("Broken.cs", Broken);

        var result = await CliRunner.RunInAsync(temp.Path, Limit, command, source);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("Broken.cs(4,16): error STAP0003:", result.Stderr, StringComparison.Ordinal);
        AssertNoStackTrace(result);
    }

    [Theory]
    [InlineData("build", "no-such-file.cs")]
    [InlineData("check", "no-such-file.cs")]
    [InlineData("run", "no-such-file.cs")]
    [InlineData("errno", "EFOO")]
    public async Task A_user_error_is_exit_code_2_for_every_command(params string[] arguments)
    {
        var result = await CliRunner.RunAsync(Limit, arguments);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("stapsharp: ", result.Stderr, StringComparison.Ordinal);
        AssertNoStackTrace(result);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("build", "--help")]
    [InlineData("run", "-h")]
    public async Task Help_ends_with_the_exit_codes(params string[] arguments)
    {
        var result = await CliRunner.RunAsync(Limit, arguments);

        Assert.True(result.ExitCode == 0, result.ToString());
        var table = result.Stdout[result.Stdout.IndexOf("Exit codes:\n", StringComparison.Ordinal)..];
        foreach (var (code, meaning) in ExitCodes.Meanings)
        {
            Assert.Contains($"  {code,-5}{meaning}\n", table, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_readme_documents_every_exit_code_as_help_prints_it()
    {
        var readme = File.ReadAllText(Path.Combine(CliRunner.RepositoryRoot(), "README.md"));

        var rows = readme.Split('\n').Where(line => line.StartsWith("| `", StringComparison.Ordinal) && line.Contains("` | ", StringComparison.Ordinal) &&
                                                    int.TryParse(line[3..line.IndexOf('`', 3)], out _)).ToList();
        Assert.Equal(ExitCodes.Meanings.Select(m => $"| `{m.Code}` | {m.Meaning} |"), rows);
    }
}
