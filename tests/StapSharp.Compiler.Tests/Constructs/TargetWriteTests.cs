using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.Constructs;

/// <summary>
/// Writing target variables, stap's guru-only <c>$var = x</c> and <c>$ptr-&gt;field = x</c>: <c>Var.Set("path", x)</c> or
/// assigning a <c>[Target] ref</c> parameter, allowed in a <c>[Guru]</c> class only. Misuse is reported where it is
/// written, and following the advice translates to a script stap -g accepts.
/// </summary>
public sealed class TargetWriteTests : MisuseTheory
{
    private const string Switch = "[Probe(\"kernel.trace(\\\"sched_switch\\\")\")]";
    private const string OpenAt = "[Probe(\"kernel.function(\\\"do_sys_openat2\\\")\")]";

    private static string GuruClass(string members) =>
        TestCompiler.Usings + "[Guru]\npublic sealed class T : ProbeScript\n{\n" + members + "\n}\n";

    [Fact]
    public void Var_set_writes_a_member_in_guru_mode()
    {
        var script = TestCompiler.Single(GuruClass(Switch + " void S() { Var.Set(\"prev->prio\", Var.Long(\"prev->prio\") + 0); Var.Set(value: 1, path: \"next->prio\"); }"));

        Assert.True(script.RequiresGuru);
        Assert.Contains("  $prev->prio = $prev->prio + 0\n  $next->prio = 1\n", script.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_target_ref_parameter_is_written_in_guru_mode()
    {
        var script = TestCompiler.Single(GuruClass(OpenAt + " void O([Target] ref long dfd) { dfd = dfd + 1; }"));

        Assert.Contains("  $dfd = $dfd + 1\n", script.Text, StringComparison.Ordinal);
    }

    [StapFact]
    public void Stap_accepts_a_member_write_with_g_and_rejects_it_without()
    {
        var script = TestCompiler.Single(GuruClass(Switch + " void S() { Var.Set(\"prev->prio\", Var.Long(\"prev->prio\")); }"));

        StapTool.AssertAccepts(script);
        StapTool.AssertRejects(script.Text, "need stap -g");
    }

    [DebuginfoFact]
    public void Stap_accepts_a_parameter_and_a_member_write_through_debuginfo_with_g()
    {
        var script = TestCompiler.Single(GuruClass(OpenAt + " void O([Target] ref long dfd) { dfd = dfd + 1; Var.Set(\"how->flags\", Var.Long(\"how->flags\")); }"));

        StapTool.AssertAccepts(script);
    }

    [Fact]
    public void Writing_a_target_variable_without_guru_mode_is_not_an_unsupported_construct()
    {
        var errors = TestCompiler.Errors(TestCompiler.Class(OpenAt + " void O([Target] ref long dfd) { dfd = 0; }"));

        var error = Assert.Single(errors);
        Assert.Equal("STAP0276", error.Id);
        Assert.Contains("Mark the class [Guru]", error.Message, StringComparison.Ordinal);
        Assert.Contains("stap -g", error.Message, StringComparison.Ordinal);
    }

    protected override MisuseCases Misuses => new()
    {
        // Outside guru mode: mark the class [Guru].
        { "STAP0276", TestCompiler.Class(Switch + " void S() { /*@*/Var.Set(\"prev->prio\", 1); }"),
            GuruClass(Switch + " void S() { Var.Set(\"prev->prio\", 1); }"), "Mark the class [Guru]" },
        { "STAP0276", TestCompiler.Class(Switch + " void S([Target(\"prev->prio\")] ref long prio) { /*@*/prio = 0; }"),
            GuruClass(Switch + " void S([Target(\"prev->prio\")] ref long prio) { prio = 0; }"), "Mark the class [Guru]" },
        // stap writes target variables only with '=': write the operation out.
        { "STAP0277", GuruClass(Switch + " void S([Target(\"prev->prio\")] ref long prio) { /*@*/prio += 2; }"),
            GuruClass(Switch + " void S([Target(\"prev->prio\")] ref long prio) { prio = prio + 2; }"), "write prio = prio + 2" },
        { "STAP0277", GuruClass(Switch + " void S([Target(\"prev->prio\")] ref long prio) { /*@*/prio++; }"),
            GuruClass(Switch + " void S([Target(\"prev->prio\")] ref long prio) { prio = prio + 1; }"), "write prio = prio + 1" },
        // A plain [Target] parameter is C#'s copy: make it ref to write the target variable.
        { "STAP0278", GuruClass(Switch + " void S([Target(\"prev->prio\")] long prio) { /*@*/prio = 1; }"),
            GuruClass(Switch + " void S([Target(\"prev->prio\")] ref long prio) { prio = 1; }"), "declare the parameter [Target] ref long prio" },
        // Functions have no target variables: write it in the probe.
        { "STAP0279", GuruClass("static void F() { /*@*/Var.Set(\"prev->prio\", 1); }\n" + Switch + " void S() { F(); }"),
            GuruClass(Switch + " void S() { Var.Set(\"prev->prio\", 1); }"), "write it in the probe method" },
        // Only a [Target] parameter may be ref.
        { "STAP0008", GuruClass(Switch + " void S(ref long /*@*/prio) { prio = 1; }"),
            GuruClass(Switch + " void S([Target(\"prev->prio\")] ref long prio) { prio = 1; }"), "only a [Target] parameter may be ref" },
    };

    [Fact]
    public void The_operator_advice_is_the_same_change_written_with_assignment()
    {
        var errors = TestCompiler.Errors(GuruClass(Switch + " void S([Target(\"prev->prio\")] ref long prio) { prio <<= 2; }"));

        Assert.Contains(errors, e => e.Id == "STAP0277" && e.Message.Contains("write prio = prio << 2", StringComparison.Ordinal));
    }

    [Fact]
    public void The_guides_example_translates_as_it_shows()
    {
        var script = TestCompiler.Single(GuruClass(Switch + "\nvoid Switch() => Var.Set(\"next->prio\", Var.Long(\"prev->prio\"));"));

        Assert.Contains("# Guru mode: this script is built with stap -g.\n\nprobe kernel.trace(\"sched_switch\")\n{\n  $next->prio = $prev->prio\n}\n", script.Text, StringComparison.Ordinal);
    }
}
