using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.Constructs;

/// <summary>
/// Script arguments where stap takes them besides values: a <c>{Name}</c> of a <c>[ScriptArgument]</c> field in a probe
/// point (its argument, the whole point or its start), the field itself in a point's arming condition (<c>if (Name)</c>,
/// which reads its global), and <c>Kernel.ArgumentCount</c> (<c>$#</c>) in a build-time condition.
/// </summary>
public sealed class ScriptArgumentPointTests
{
    private static readonly string SnapshotInput = Path.Combine(
        Snapshot.RepositoryRoot(), "tests", "StapSharp.Compiler.Tests", "Snapshots", "Inputs", "ScriptArgumentPoints.cs");

    public static TheoryData<string, string, string> Forms() => new()
    {
        { "[ScriptArgument(1)] static long Interval = 5;\n[Probe(\"timer.s({Interval})\")] void B() => Exit();", "probe timer.s(%( $# >= 1 %? $1 %: 5 %))\n", "3" },
        { "[ScriptArgument(1)] static long Interval;\n[Probe(\"timer.s({ Interval })\")] void B() => Exit();", "probe timer.s($1)\n", "3" },
        { "[ScriptArgument(2)] static string Program;\n[ScriptArgument(1)] static long N;\n[Probe(\"process({Program}).begin\")] void B() => Exit();", "probe process(@2).begin\n", "1 /bin/true" },
        { "[ScriptArgument(1)] static string Program = \"/bin/true\";\n[Probe(\"process({Program}).begin\")] void B() => Exit();", "probe process(%( $# >= 1 %? @1 %: \"/bin/true\" %)).begin\n", "/bin/ls" },
        { "[ScriptArgument(1)] static string Target;\n[Probe(\"{Target}\")] void B() => Exit();", "probe $1\n", "syscall.write" },
        { "[ScriptArgument(1)] static string Target;\n[Probe(\"{Target}.return\")] void B() => Exit();", "probe $1.return\n", "syscall.write" },
        { "[ScriptArgument(1)] static string Target = \"kernel.function(\\\"vfs_read\\\")\";\n[Probe(\"{Target}.return ?\")] void B() => Exit();", "probe %( $# >= 1 %? $1 %: kernel.function(\"vfs_read\") %).return ?\n", "syscall.write" },
        { "[ScriptArgument(1)] static string Target;\n[Probe(\"{syscall.read,{Target}}\")] void B() => Exit();", "probe {syscall.read,$1}\n", "syscall.write" },
        // A field read by an arming condition is the global the argument sets, though nothing else reads it.
        { "[ScriptArgument(1)] static long Enabled = 1;\n[Probe(\"timer.s(1) if (Enabled)\")] void B() => Exit();", "global Enabled = %( $# >= 1 %? $1 %: 1 %)\n", "0" },
        { "[ScriptArgument(2)] static string Mode;\n[ScriptArgument(1)] static long N;\n[Probe(\"end if (Mode == \\\"on\\\"), begin if (N > 1)\")] void B() { }", "probe end if (Mode == \"on\"),\n", "2 off" },
        // $# in a build-time condition: the number first, as stap's %( %) wants it; negations pushed into the comparison.
        { "[Probe(\"begin\")] void B() { if (Kernel.ArgumentCount < 1) { Error(\"usage: T SECONDS\"); } Exit(); }", "%( $# < 1 %?\n", "" },
        { "[Probe(\"begin\")] void B() { if (2 <= Kernel.ArgumentCount) { Println(\"two\"); } Exit(); }", "%( $# >= 2 %?\n", "" },
        { "[Probe(\"begin\")] void B() { if (!(Kernel.ArgumentCount >= 2) && Kernel.Arch == \"x86_64\") { Println(\"x\"); } Exit(); }", "%( $# < 2 && arch == \"x86_64\" %?\n", "" },
        { "[Probe(\"begin\")] void B() { Println(Kernel.ArgumentCount == 0 ? \"none\" : \"some\"); }", "%( $# == 0 %? ", "" },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public void Translates_to_stap_form(string members, string expected, string arguments)
    {
        _ = arguments;
        var script = TestCompiler.Single(TestCompiler.Class(members));
        Assert.Contains(expected, script.Text, StringComparison.Ordinal);
    }

    [StapTheory]
    [MemberData(nameof(Forms))]
    public void Each_form_passes_stap_p1_and_p2_with_its_arguments(string members, string expected, string arguments)
    {
        _ = expected;
        var script = TestCompiler.Single(TestCompiler.Class(members));
        foreach (var pass in new[] { 1, 2 })
        {
            var (exitCode, _, stderr) = StapTool.Run(script.Text, pass, withoutDebuginfo: true, scriptArguments: arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            Assert.True(exitCode == 0, $"stap -p{pass} rejected it with [{arguments}]:\n{stderr}\n--- script ---\n{script.Text}");
        }
    }

    /// <summary>The snapshot's probes as stap resolves them (-p2 lists each resolved point), with and without arguments.</summary>
    [StapTheory]
    [InlineData(new string[0], "timer.s(5)", "process(\"/usr/bin/true\").begin", "raw_syscalls:sys_enter")]
    [InlineData(new[] { "2", "/bin/ls", "syscall.write" }, "timer.s(2)", "process(\"/usr/bin/ls\").begin", "<- syscall.write")]
    public void Stap_resolves_the_points_from_the_arguments(string[] arguments, string timer, string process, string target)
    {
        var script = Assert.Single(TestCompiler.CompileFiles([SnapshotInput]).Scripts);
        foreach (var pass in new[] { 1, 2 })
        {
            var (exitCode, stdout, stderr) = StapTool.Run(script.Text, pass, script.ClassName, withoutDebuginfo: true, scriptArguments: arguments);
            Assert.True(exitCode == 0, $"stap -p{pass} rejected {script.ClassName} with [{string.Join(' ', arguments)}]:\n{stderr}");
            if (pass == 2)
            {
                Assert.Contains(timer + " /*", stdout, StringComparison.Ordinal);
                Assert.Contains(process + " /*", stdout, StringComparison.Ordinal);
                Assert.Contains(target, stdout, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>stap -p1 prints the script after its preprocessor: the usage error is there only when $# says so.</summary>
    [StapTheory]
    [InlineData(new[] { "1", "/bin/ls", "syscall.write" }, false)]
    [InlineData(new[] { "1", "/bin/ls", "syscall.write", "extra" }, true)]
    public void The_argument_count_is_decided_when_the_script_is_built(string[] arguments, bool usage)
    {
        var script = Assert.Single(TestCompiler.CompileFiles([SnapshotInput]).Scripts);
        var (exitCode, stdout, stderr) = StapTool.Run(script.Text, 1, script.ClassName, scriptArguments: arguments);
        Assert.True(exitCode == 0, stderr);
        Assert.Equal(usage, stdout.Contains("error(\"usage:", StringComparison.Ordinal));
    }

    [StapFact]
    public void A_required_argument_is_pasted_as_stap_reads_it()
    {
        var script = TestCompiler.Single(TestCompiler.Class("""
            [ScriptArgument(1)] static long Seconds;
            [ScriptArgument(2)] static string Target;
            [Probe("timer.s({Seconds})")] void Tick() => Exit();
            [Probe("{Target}.return")] void R() { }
            """));
        var (exitCode, stdout, stderr) = StapTool.Run(script.Text, 2, withoutDebuginfo: true, scriptArguments: ["7", "syscall.read"]);
        Assert.True(exitCode == 0, stderr);
        Assert.Contains("timer.s(7) /*", stdout, StringComparison.Ordinal);
        Assert.Contains("<- syscall.read.return", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_point_from_an_argument_needs_no_debuginfo_the_translator_can_name()
    {
        // Which family the argument names is known only when stap builds the script.
        var script = TestCompiler.Single(TestCompiler.Class("""
            [ScriptArgument(1)] static string Target = "kernel.function(\"vfs_read\")";
            [Probe("{Target}.return")] void R() { }
            [Probe("kernel.{Target}")] void E() { }
            """));
        Assert.Empty(script.Debuginfo.Uses);
    }

    /// <summary>Each misuse, reported at the marked place, and the source with its advice applied, which translates.</summary>
    public static TheoryData<string, string, string, string> Misuses() => new()
    {
        {
            "STAP0290", "declare it ([ScriptArgument(1)] static long Interval = 5;",
            "[Probe(\"timer.s(/*@*/{Interval})\")] void B() { }",
            "[ScriptArgument(1)] static long Interval = 5;\n[Probe(\"timer.s({Interval})\")] void B() { }"
        },
        {
            "STAP0290", "write kernel without the braces",
            "[Probe(\"/*@*/{kernel}.function(\\\"vfs_read\\\") ?\")] void B() { }",
            "[Probe(\"kernel.function(\\\"vfs_read\\\") ?\")] void B() { }"
        },
        {
            "STAP0290", "names no [ScriptArgument] field",
            "static long Interval = 5;\n[Probe(\"timer.s(1), timer.ms(/*@*/{Interval})\")] void B() { }",
            "[ScriptArgument(1)] static long Interval = 5;\n[Probe(\"timer.s(1), timer.ms({Interval})\")] void B() { }"
        },
        {
            "STAP0291", "[ScriptArgument(1)] static string Target;",
            "[ScriptArgument(1)] static long Target;\n[Probe(\"/*@*/{Target}.return\")] void B() { }",
            "[ScriptArgument(1)] static string Target;\n[Probe(\"{Target}.return\")] void B() { }"
        },
        {
            "STAP0291", "or none (the argument is then required)",
            "[ScriptArgument(1)] static string Target = \"syscall.read, syscall.write\";\n[Probe(\"/*@*/{Target}\")] void B() { }",
            "[ScriptArgument(1)] static string Target;\n[Probe(\"{Target}\")] void B() { }"
        },
        {
            "STAP0291", "must be one",
            "[ScriptArgument(1)] static string Target = \"syscall.read;\";\n[Probe(\"syscall.write, /*@*/{Target}\")] void B() { }",
            "[ScriptArgument(1)] static string Target = \"syscall.read\";\n[Probe(\"syscall.write, {Target}\")] void B() { }"
        },
        {
            "STAP0292", "write process({Program}) without the quotes",
            "[ScriptArgument(1)] static string Program = \"/bin/true\";\n[Probe(/*@*/\"process(\\\"{Program}\\\").begin\")] void B() { }",
            "[ScriptArgument(1)] static string Program = \"/bin/true\";\n[Probe(\"process({Program}).begin\")] void B() { }"
        },
        {
            // $1 written directly: the advice names the real form.
            "STAP0002", "write timer.s({Interval})",
            "[Probe(\"timer.s(/*@*/$1)\")] void B() { }",
            "[ScriptArgument(1)] static long Interval = 5;\n[Probe(\"timer.s({Interval})\")] void B() { }"
        },
        {
            "STAP0002", "a whole probe point from a string field: {Target}",
            "[Probe(\"/*@*/$1.return\")] void B() { }",
            "[ScriptArgument(1)] static string Target;\n[Probe(\"{Target}.return\")] void B() { }"
        },
        {
            "STAP0002", "process({Program})",
            "[Probe(\"process(/*@*/@1).begin\")] void B() { }",
            "[ScriptArgument(1)] static string Program;\n[Probe(\"process({Program}).begin\")] void B() { }"
        },
        {
            "STAP0002", "the name of a [ScriptArgument] field between the braces",
            "[Probe(\"timer.s({/*@*/5})\")] void B() { }",
            "[Probe(\"timer.s(5)\")] void B() { }"
        },
        {
            "STAP0257", "must be a constant number of arguments such as 1",
            "[Probe(\"begin\")] void B() { long n = 1; if (Kernel.ArgumentCount < /*@*/n) { Exit(); } }",
            "[Probe(\"begin\")] void B() { if (Kernel.ArgumentCount < 1) { Exit(); } }"
        },
        {
            "STAP0262", "use it only in the condition of an if",
            "[Probe(\"begin\")] void B() { Println(/*@*/Kernel.ArgumentCount); }",
            "[Probe(\"begin\")] void B() { Println(Kernel.ArgumentCount < 1 ? \"no arguments\" : \"some\"); }"
        },
    };

    [Theory]
    [MemberData(nameof(Misuses))]
    public void Misuse_is_reported_at_its_place_and_the_advice_translates(string id, string advice, string misuse, string advised)
    {
        var marked = TestCompiler.Class(misuse);
        MarkedSource.AssertReported(id, marked);
        var errors = TestCompiler.Errors(MarkedSource.Unmarked(marked));
        Assert.Contains(errors, e => e.Id == id && e.Message.Contains(advice, StringComparison.Ordinal));

        var script = TestCompiler.Single(TestCompiler.Class(advised));
        Assert.False(string.IsNullOrEmpty(script.Text));
    }
}
