namespace StapSharp.EndToEnd.Tests;

/// <summary>`stapsharp errno` as a user runs it.</summary>
public sealed class ErrnoCommandTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    [Theory]
    [InlineData("17")]
    [InlineData("-17")]
    [InlineData("EEXIST")]
    [InlineData("eexist")]
    public async Task Prints_number_name_and_message(string input)
    {
        var result = await CliRunner.RunAsync(Limit, "errno", input);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("17\tEEXIST\tFile exists\n", result.Stdout);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public async Task An_alias_prints_the_number_s_own_name()
    {
        var result = await CliRunner.RunAsync(Limit, "errno", "EWOULDBLOCK");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("11\tEAGAIN\tResource temporarily unavailable\n", result.Stdout);
    }

    [Theory]
    [InlineData("999", "stapsharp: errno: 999 is not a Linux error number; Linux defines 1..133 except 41 and 58 (stapsharp errno --all lists them)")]
    [InlineData("-41", "stapsharp: errno: 41 is not a Linux error number; Linux defines 1..133 except 41 and 58 (stapsharp errno --all lists them)")]
    [InlineData("EFOO", "stapsharp: errno: 'EFOO' is neither an error number nor a name: write a number (5 or -5) or a name such as EIO (stapsharp errno --all lists them)")]
    public async Task Unknown_input_is_one_clear_line(string input, string expected)
    {
        var result = await CliRunner.RunAsync(Limit, "errno", input);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal("", result.Stdout);
        Assert.Equal(expected + "\n", result.Stderr);
    }

    [Fact]
    public async Task Nothing_to_look_up_says_what_to_give()
    {
        var result = await CliRunner.RunAsync(Limit, "errno");

        Assert.True(result.ExitCode == 64, result.ToString()); // a usage error
        Assert.Contains("give one error number or name", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task All_lists_every_number_then_the_aliases()
    {
        var result = await CliRunner.RunAsync(Limit, "errno", "--all");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.StdoutLines;
        Assert.Equal(131 + 2, lines.Count);
        Assert.Equal("1\tEPERM\tOperation not permitted", lines[0]);
        Assert.Contains("5\tEIO\tInput/output error", lines);
        Assert.Equal("133\tEHWPOISON\tMemory page has hardware error", lines[130]);
        Assert.Equal("11\tEWOULDBLOCK\tResource temporarily unavailable (alias of EAGAIN)", lines[131]);
        Assert.Equal("35\tEDEADLOCK\tResource deadlock avoided (alias of EDEADLK)", lines[132]);
        var numbers = lines.Take(131).Select(l => int.Parse(l.Split('\t')[0])).ToList();
        Assert.Equal(numbers.Order(), numbers);
    }
}
