namespace StapSharp.EndToEnd.Tests;

/// <summary>Script arguments and guru mode through the `stapsharp` command.</summary>
public sealed class ProbeContextCliTests
{
    // Guards against a hung process, not timing asserts: a cold stap on a busy 2-core machine is slow.
    private static readonly TimeSpan Short = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(20);

    private const string ArgumentsScript = """
        using StapSharp;
        using static StapSharp.Stap;
        public sealed class Args : ProbeScript
        {
            [ScriptArgument(1)] static long Limit = 7;
            [ScriptArgument(2)] static string Name;
            [Probe("begin")]
            void Begin() { Println($"limit={Limit} name={Name}"); Exit(); }
        }
        """;

    [Theory]
    [InlineData("12x", "script argument 1 (Limit) is a long, but '12x' is not an integer")]
    [InlineData(null, "Args needs script argument 2 (Name): give it after --, e.g. -- 0 text")]
    public async Task Run_checks_script_arguments_before_building(string? limit, string message)
    {
        using var temp = new TempFolder();
        var source = temp.Write("Args.cs", ArgumentsScript);
        string[] arguments = limit is null ? ["run", source, "--"] : ["run", source, "--", limit, "bash"];

        var result = await CliRunner.RunAsync(Short, arguments);

        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [StapFact]
    public async Task Check_builds_a_guru_script_with_stap_g()
    {
        using var temp = new TempFolder();
        var source = temp.Write("Adder.cs", """
            using StapSharp;
            using static StapSharp.Stap;
            [Guru]
            public sealed class Adder : ProbeScript
            {
                [EmbeddedC("/* pure */ STAP_RETVALUE = STAP_ARG_a + STAP_ARG_b;")]
                static extern long Add(long a, long b);
                [Probe("begin")] void Begin() => Println(Add(1, 2));
            }
            """);

        var result = await CliRunner.RunAsync(Short, "check", source);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Adder: stap -p2 ok", result.Stdout, StringComparison.Ordinal);
    }

    [VmFact]
    public async Task Script_arguments_reach_the_module_in_the_VM()
    {
        using var temp = new TempFolder();
        var source = temp.Write("Args.cs", ArgumentsScript);

        var result = await CliRunner.RunAsync(Long, "run", source, "--vm", "--", "42", "two words");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["limit=42 name=two words"], result.StdoutLines);
    }
}

/// <summary>The ExecWatch sample in a real kernel: target variables, @cast, an alias, a script argument, try/catch.</summary>
public sealed class ExecWatchTests
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(20);

    [VmFact]
    public async Task Reads_the_exec_tracepoint_for_the_program_named_by_the_argument()
    {
        var result = await CliRunner.RunAsync(Long,
            "run", "samples/ExecWatch", "--vm", "--vm-command", "/bin/ls / > /dev/null; /bin/cat /proc/version > /dev/null", "-T", "5", "--", "ls");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.StdoutLines;
        Assert.Single(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^exec /bin/ls pid \d+ parent \d+ state 0$"));
        Assert.DoesNotContain(lines, l => l.Contains("/bin/cat", StringComparison.Ordinal));
        Assert.Contains("1 program start(s), 100 % each", lines);
    }

    [VmFact]
    public async Task A_run_time_error_in_the_end_probe_is_caught()
    {
        var result = await CliRunner.RunAsync(Long,
            "run", "samples/ExecWatch", "--vm", "--vm-command", "/bin/ls / > /dev/null", "-T", "5", "--", "no-such-program");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["no program started (division by 0)"], result.StdoutLines);
    }
}
