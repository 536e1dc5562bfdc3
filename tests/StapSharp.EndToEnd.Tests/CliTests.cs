namespace StapSharp.EndToEnd.Tests;

/// <summary>The `stapsharp` command as a user runs it: build, check, run in the VM.</summary>
public sealed class CliTests
{
    // Guards against a hung process, not timing asserts: a cold stap on a busy 2-core machine is slow.
    private static readonly TimeSpan Short = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(20);

    [Fact]
    public async Task Build_writes_one_script_per_probe_class()
    {
        using var output = new TempFolder();

        var result = await CliRunner.RunAsync(Short, "build", "samples/MkdirTrace", "-o", output.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        var expected = File.ReadAllText(Path.Combine(CliRunner.RepositoryRoot(), "samples", "MkdirTrace", "MkdirTrace.verified.stp"));
        Assert.Equal(expected, File.ReadAllText(Path.Combine(output.Path, "MkdirTrace.stp")));
    }

    [Fact]
    public async Task Build_with_mistakes_reports_them_all_and_writes_nothing()
    {
        using var temp = new TempFolder();
        var source = temp.Write("Broken.cs", """
            using StapSharp;
            using static StapSharp.Stap;
            public sealed class Broken : ProbeScript
            {
                static int counter;
                [Probe("syscall.mkdir")]
                void Enter(string argstr) { long n = 1; Println("n=" + n); do { n++; } while (n < 3); }
                [Probe("begin { system(\"id\") } probe end")]
                void Evil() { }
            }
            """);
        var output = Path.Combine(temp.Path, "out");

        var result = await CliRunner.RunAsync(Short, "build", source, "-o", output);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("Broken.cs(5,16): error STAP0003:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Broken.cs(7,53): error STAP0004:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Broken.cs(7,64): error STAP0001:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Broken.cs(8,19): error STAP0002:", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal); // no stack trace
        Assert.False(Directory.Exists(output));
    }

    [StapFact]
    public async Task Check_reports_stap_errors_at_the_probe_attribute()
    {
        using var temp = new TempFolder();
        var source = temp.Write("Typo.cs", """
            using StapSharp;
            using static StapSharp.Stap;
            public sealed class Typo : ProbeScript
            {
                [Probe("syscall.mkdirr")]
                void Enter(string argstr) => Println(argstr);
            }
            """);

        var result = await CliRunner.RunAsync(Short, "check", source);

        Assert.True(result.ExitCode == 4, result.ToString()); // stap, not the translator, rejected the script
        Assert.Contains("Typo.cs(5,12): error STAP0013: stap: semantic error: probe point mismatch", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("'mkdirr'", result.Stderr, StringComparison.Ordinal);
    }

    [StapTheory]
    [InlineData("HelloWorld")]
    [InlineData("MkdirTrace")]
    [InlineData("MkdirEvents")]
    public async Task Check_accepts_the_samples(string sample)
    {
        var result = await CliRunner.RunAsync(Short, "check", $"samples/{sample}");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"{sample}: stap -p2 ok", result.Stdout, StringComparison.Ordinal);
        // stap's passes can take minutes on a loaded machine: each one is reported as it ends.
        Assert.Contains($"stapsharp: checking {sample} (stap -p2)\n", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("stapsharp:   Pass 2: analyzed script", result.Stderr, StringComparison.Ordinal);
    }

    [VmFact]
    public async Task MkdirTrace_fires_in_a_real_kernel_in_the_VM()
    {
        // Two mkdirs of the same path: the first succeeds, the second fails with EEXIST.
        var result = await CliRunner.RunAsync(Long,
            "run", "samples/MkdirTrace", "--vm", "--vm-command", "mkdir /tmp/stapsharp-e2e; mkdir /tmp/stapsharp-e2e", "-T", "5");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.StdoutLines;
        var enters = lines.Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^enter mkdir\(""/tmp/stapsharp-e2e"", 0777\) by mkdir\[\d+\]$")).ToList();
        Assert.True(enters.Count == 2, result.ToString());
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^exit mkdir = 0 by mkdir\[\d+\]$"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^exit mkdir = -17 \(EEXIST\) by mkdir\[\d+\]$"));
        Assert.Contains("time limit reached", result.Stderr, StringComparison.Ordinal);
    }

    [VmFact]
    public async Task HelloWorld_prints_and_exits_by_itself_in_the_VM()
    {
        var result = await CliRunner.RunAsync(Long, "run", "samples/HelloWorld", "--vm");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["hello world"], result.StdoutLines);
        Assert.DoesNotContain("time limit", result.Stderr, StringComparison.Ordinal);
    }
}
