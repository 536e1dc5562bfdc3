using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.Constructs;

/// <summary>
/// A script argument pasted where an expression stands: <c>Var.Argument(2)</c> is stap's <c>$2</c>, so
/// <c>stap script.stp '$dfd'</c> makes it the target variable <c>$dfd</c>; <c>Defined(Var.Argument(2))</c> is
/// <c>@defined($2)</c>.
/// </summary>
public sealed class ScriptArgumentExpressionTests : MisuseTheory
{
    private const string Open = "[Probe(\"kernel.function(\\\"do_sys_openat2\\\")\")]\n";

    [Fact]
    public void The_argument_is_pasted_as_its_tokens()
    {
        var script = TestCompiler.Single(TestCompiler.Class(
            Open + "void O() { Println(Var.Argument(1)); Println(Defined(Var.Argument(2)) ? Var.Argument(2) : 0); }"));

        Assert.Contains("println($1)", script.Text, StringComparison.Ordinal);
        Assert.Contains("println(@defined($2) ? $2 : 0)", script.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Under_the_argument_count_the_argument_may_be_left_out()
    {
        var script = TestCompiler.Single(TestCompiler.Class(
            Open + "void O() => Println(Kernel.ArgumentCount >= 1 ? Var.Argument(1) : -1);"));

        Assert.Contains("println(%( $# >= 1 %? $1 %: -1 %))", script.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_helper_that_reads_it_is_pasted_into_the_probe()
    {
        var script = TestCompiler.Single(TestCompiler.Class(
            "static long Chosen() => Defined(Var.Argument(1)) ? Var.Argument(1) : 0;\n" + Open + "void O() => Println(Chosen());"));

        Assert.Contains("@define Chosen %( (@defined($1) ? $1 : 0) %)", script.Text, StringComparison.Ordinal);
        Assert.Contains("println(@Chosen)", script.Text, StringComparison.Ordinal);
    }

    /// <summary>Real stap: '$dfd' makes $1 the probed function's parameter (through the kernel's debuginfo); left out, stap stops.</summary>
    [DebuginfoFact]
    public void Stap_resolves_the_argument_as_the_target_variable_it_names()
    {
        var script = TestCompiler.Single(TestCompiler.Class(
            Open + "void O() { Println(Var.Argument(1)); Println(Defined(Var.Argument(2)) ? Var.Argument(2) : 0); }"));

        var (p1, _, p1Errors) = StapTool.Run(script.Text, 1, scriptArguments: ["$dfd", "$how->flags"]);
        Assert.True(p1 == 0, p1Errors);
        var (exitCode, stdout, stderr) = StapTool.Run(script.Text, 2, scriptArguments: ["$dfd", "$how->flags"]);
        Assert.True(exitCode == 0, stderr);
        Assert.Contains("dwarf_tvar_get_dfd", stdout, StringComparison.Ordinal);
        Assert.Contains("dwarf_tvar_get_how", stdout, StringComparison.Ordinal);

        // @defined($2) of a variable that does not exist there is 0, decided by stap: the build still succeeds, without it.
        var (missing, missingStdout, missingErrors) = StapTool.Run(script.Text, 2, scriptArguments: ["$dfd", "$no_such_variable"]);
        Assert.True(missing == 0, missingErrors);
        Assert.DoesNotContain("no_such_variable", missingStdout, StringComparison.Ordinal);

        var (withoutArguments, _, withoutErrors) = StapTool.Run(script.Text, 2);
        Assert.NotEqual(0, withoutArguments);
        Assert.Contains("command line argument out of range", withoutErrors, StringComparison.Ordinal);
    }

    [StapFact]
    public void Stap_builds_a_read_under_the_argument_count_without_the_argument()
    {
        var script = TestCompiler.Single(TestCompiler.Class(
            "[Probe(\"begin\")] void B() => Println(Kernel.ArgumentCount >= 1 ? Var.Argument(1) : -1);"));

        var (exitCode, _, stderr) = StapTool.Run(script.Text, 2, withoutDebuginfo: true);
        Assert.True(exitCode == 0, stderr);
        var (withArgument, stdout, argumentErrors) = StapTool.Run(script.Text, 1, withoutDebuginfo: true, scriptArguments: ["42"]);
        Assert.True(withArgument == 0, argumentErrors);
        Assert.Contains("println(42)", stdout, StringComparison.Ordinal);
    }

    /// <summary>Each misuse, reported at the marked place, and the source with its advice applied, which translates.</summary>
    protected override MisuseCases Misuses => new()
    {
        // A position that is not a constant from 1.
        {
            "STAP0299",
            TestCompiler.Class("[Probe(\"begin\")] void B() => Println(Kernel.ArgumentCount >= 1 ? Var.Argument(/*@*/0) : 0);"),
            TestCompiler.Class("[Probe(\"begin\")] void B() => Println(Kernel.ArgumentCount >= 1 ? Var.Argument(1) : 0);"), "is not a constant position from 1", "Var.Argument(1) for $1"
        },
        {
            "STAP0299",
            TestCompiler.Class("[Probe(\"begin\")] void B() { int n = 1; Println(Kernel.ArgumentCount >= 1 ? Var.Argument(/*@*/n) : 0); }"),
            TestCompiler.Class("[Probe(\"begin\")] void B() { Println(Kernel.ArgumentCount >= 1 ? Var.Argument(1) : 0); }")
        },
        // Where no probe is, the existing rules apply: a global's initialiser is a constant; compute the value in a probe.
        {
            "STAP0009",
            TestCompiler.Class("static long first = /*@*/Var.Argument(1);\n[Probe(\"begin\")] void B() => Println(first);"),
            TestCompiler.Class("static long first;\n[Probe(\"begin\")] void B() { first = Kernel.ArgumentCount >= 1 ? Var.Argument(1) : 0; Println(first); }")
        },
        // A helper that reads it is pasted into the probe as a macro, so its body is one expression.
        {
            "STAP0293",
            TestCompiler.Class("static void /*@*/Show() { long a = Var.Argument(1); Println(a); }\n[Probe(\"begin\")] void B() => Show();"),
            TestCompiler.Class("static void Show() => Println(Kernel.ArgumentCount >= 1 ? Var.Argument(1) : 0);\n[Probe(\"begin\")] void B() => Show();")
        },
        // Defined of anything but a target expression is still reported.
        {
            "STAP0253",
            TestCompiler.Class("[Probe(\"begin\")] void B() => Println(Defined(/*@*/Pid()));"),
            TestCompiler.Class("[Probe(\"begin\")] void B() => Println(Kernel.ArgumentCount >= 1 ? (Defined(Var.Argument(1)) ? 1 : 0) : 0);")
        },
    };
}
