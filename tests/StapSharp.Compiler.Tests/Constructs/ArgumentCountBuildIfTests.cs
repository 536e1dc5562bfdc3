using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.Constructs;

/// <summary>
/// <c>%( $# &gt;= 1 %? probe ... %)</c>: a whole probe or global chosen by the number of script arguments, as
/// <c>[BuildIf(nameof(HasTarget))]</c> with <c>static bool HasTarget =&gt; Kernel.ArgumentCount &gt;= 1;</c>.
/// </summary>
public sealed class ArgumentCountBuildIfTests : MisuseTheory
{
    private const string Declarations =
        "static bool HasTarget => Kernel.ArgumentCount >= 1;\n" +
        "[ScriptArgument(1)] static string Target;\n" +
        "[BuildIf(nameof(HasTarget))] static long hits;\n" +
        "[BuildIf(nameof(HasTarget))] [Probe(\"{Target}\")] void Hit() => hits++;\n" +
        "[BuildIf(nameof(HasTarget))] [Probe(\"end\")] void End() => Println(hits);\n" +
        "[BuildIf(nameof(HasTarget), Otherwise = true)] [Probe(\"begin\")] void Usage() { Println(\"usage: Hits PROBE-POINT\"); Exit(); }";

    [Fact]
    public void A_probe_and_a_global_are_declared_under_the_argument_count()
    {
        var script = TestCompiler.Single(TestCompiler.Class(Declarations));

        Assert.Contains("%( $# >= 1 %? global hits %)\n", script.Text, StringComparison.Ordinal);
        Assert.Contains("%( $# >= 1 %?\nprobe $1\n{\n  hits++\n}\n%)\n", script.Text, StringComparison.Ordinal);
        Assert.Contains("%( $# < 1 %?\nprobe begin\n{\n  println(\"usage: Hits PROBE-POINT\")\n  exit()\n}\n%)\n", script.Text, StringComparison.Ordinal);
    }

    /// <summary>
    /// stap reads the required $1 only inside the branch it keeps: without an argument the usage probe is built, with one
    /// the probe on the point it names.
    /// </summary>
    [StapFact]
    public void Stap_builds_the_usage_without_an_argument_and_the_probe_with_one()
    {
        var script = TestCompiler.Single(TestCompiler.Class(Declarations));

        var (without, withoutOut, withoutErrors) = StapTool.Run(script.Text, 2, withoutDebuginfo: true);
        Assert.True(without == 0, withoutErrors);
        Assert.Contains("begin", withoutOut, StringComparison.Ordinal);
        Assert.DoesNotContain("hits", withoutOut, StringComparison.Ordinal);

        var (with, withOut, withErrors) = StapTool.Run(script.Text, 2, withoutDebuginfo: true, scriptArguments: ["timer.s(1)"]);
        Assert.True(with == 0, withErrors);
        Assert.Contains("timer.s(1)", withOut, StringComparison.Ordinal);
        Assert.Contains("hits:long", withOut, StringComparison.Ordinal);
        Assert.DoesNotContain("begin", withOut, StringComparison.Ordinal);
    }

    /// <summary>Each misuse, reported at the marked place, and the source with its advice applied, which translates.</summary>
    protected override MisuseCases Misuses => new()
    {
        // The count is compared with a constant.
        {
            "STAP0257",
            TestCompiler.Class("static long wanted = 1;\nstatic bool HasTarget => Kernel.ArgumentCount >= /*@*/wanted;\n[BuildIf(nameof(HasTarget))] [Probe(\"begin\")] void B() => Exit();"),
            TestCompiler.Class("static bool HasTarget => Kernel.ArgumentCount >= 1;\n[BuildIf(nameof(HasTarget))] [Probe(\"begin\")] void B() => Exit();\n[BuildIf(nameof(HasTarget), Otherwise = true)] [Probe(\"begin\")] void U() => Exit();")
        },
        // The global under the condition is used only under it.
        {
            "STAP0297",
            TestCompiler.Class("static bool HasTarget => Kernel.ArgumentCount >= 1;\n[BuildIf(nameof(HasTarget))] static long hits;\n[Probe(\"end\")] void End() => Println(/*@*/hits);\n[Probe(\"begin\")] void B() => Exit();"),
            TestCompiler.Class("static bool HasTarget => Kernel.ArgumentCount >= 1;\n[BuildIf(nameof(HasTarget))] static long hits;\n[BuildIf(nameof(HasTarget))] [Probe(\"end\")] void End() => Println(hits);\n[Probe(\"begin\")] void B() => Exit();"), "put the same [BuildIf(nameof(HasTarget))] on the probe that uses it"
        },
    };
}
