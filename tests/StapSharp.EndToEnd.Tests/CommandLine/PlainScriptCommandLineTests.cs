using static StapSharp.EndToEnd.Tests.CommandLine.CliSources;

namespace StapSharp.EndToEnd.Tests.CommandLine;

/// <summary>
/// A plain SystemTap script (.stp) on the command line: what cannot apply to it (it prints text, not typed events) is a
/// usage error naming what to do, and its path is refused as every input path is. None of these reach stap.
/// </summary>
public sealed class PlainScriptCommandLineTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    private const string Script = """
        probe begin { printf("hello %s\n", @1); exit() }
        """;

    [Theory]
    [InlineData("--format csv shows typed events, and hello.stp is a SystemTap script, which prints text: use --format text or jsonl, or write the probe as a C# class that emits events", "--format", "csv")]
    [InlineData("--format table shows typed events", "--format", "table")]
    [InlineData("--group-by aggregates typed events, and hello.stp is a SystemTap script, which prints text: write the probe as a C# class that emits events", "--group-by", "pid")]
    [InlineData("--percentiles aggregates typed events", "--percentiles", "latencyNs")]
    [InlineData("--histogram aggregates typed events", "--histogram", "bytes")]
    [InlineData("--folded folds the stacks that typed events carry, and hello.stp is a SystemTap script, which prints text", "--folded", "out.folded")]
    [InlineData("--flame folds the stacks that typed events carry", "--flame", "out.svg")]
    [InlineData("--class picks a probe class among C# sources; hello.stp is one SystemTap script: leave --class out", "--class", "Hello")]
    public async Task Run_refuses_what_needs_typed_events_as_a_usage_error(string message, params string[] options)
    {
        using var temp = new TempFolder();
        temp.Write("hello.stp", Script);

        var result = await CliRunner.RunInAsync(temp.Path, Limit, ["run", "hello.stp", .. options, "--", "world"]);

        Assert.True(result.ExitCode == 64, result.ToString());
        Assert.Contains($"stapsharp: {message}", result.Stderr, StringComparison.Ordinal);
        Assert.EndsWith("stapsharp: usage: stapsharp run --help\n", result.Stderr, StringComparison.Ordinal);
        AssertNoStackTrace(result);
    }

    [Fact]
    public async Task Build_of_a_stp_says_to_check_or_run_it()
    {
        using var temp = new TempFolder();
        temp.Write("hello.stp", Script);

        var result = await CliRunner.RunInAsync(temp.Path, Limit, "build", "hello.stp", "-o", "out");

        Assert.True(result.ExitCode == 64, result.ToString());
        Assert.Contains("stapsharp: hello.stp is a SystemTap script already, and build translates C# probe classes to such scripts: " +
                        "check it with `stapsharp check hello.stp` or run it with `stapsharp run hello.stp`", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(temp.Path, "out")));
    }

    [Fact]
    public async Task Check_takes_script_arguments_only_for_a_stp()
    {
        using var temp = new TempFolder();
        var source = temp.Write("Hello.cs", Hello);

        var result = await CliRunner.RunAsync(Limit, "check", source, "--", "5");

        Assert.True(result.ExitCode == 64, result.ToString());
        Assert.Contains("stapsharp: arguments after -- are a .stp script's; a probe class's [ScriptArgument] values are given to `stapsharp run`", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("check")]
    [InlineData("run")]
    public async Task Guru_mode_is_a_stp_option_a_probe_class_asks_for_itself(string command)
    {
        using var temp = new TempFolder();
        var source = temp.Write("Hello.cs", Hello);

        var result = await CliRunner.RunAsync(Limit, command, source, "--guru");

        Assert.True(result.ExitCode == 64, result.ToString());
        Assert.Contains("stapsharp: --guru is for a .stp script; a probe class asks for guru mode itself: mark the class [Guru]", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("check")]
    [InlineData("run")]
    public async Task A_missing_stp_is_a_user_error_naming_it(string command)
    {
        using var temp = new TempFolder();

        var result = await CliRunner.RunInAsync(temp.Path, Limit, command, "missing.stp");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal("stapsharp: missing.stp: no such file\n", result.Stderr);
    }

    [Theory]
    [InlineData("check")]
    [InlineData("run")]
    public async Task A_stp_that_is_not_a_regular_file_is_refused_before_it_is_opened(string command)
    {
        using var temp = new TempFolder();
        Fifo(Path.Combine(temp.Path, "pipe.stp"));
        Directory.CreateDirectory(Path.Combine(temp.Path, "folder.stp"));

        var fifo = await CliRunner.RunInAsync(temp.Path, Limit, command, "pipe.stp");
        var folder = await CliRunner.RunInAsync(temp.Path, Limit, command, "folder.stp");

        Assert.True(fifo.ExitCode == 2, fifo.ToString());
        Assert.Equal("stapsharp: pipe.stp: a FIFO, not a regular file; only regular files are read\n", fifo.Stderr);
        Assert.True(folder.ExitCode == 2, folder.ToString());
        Assert.Equal("stapsharp: folder.stp: a folder, not a regular file; only regular files are read\n", folder.Stderr);
    }
}
