using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.Semantics;

/// <summary>
/// Arguments reach stap by parameter, not by the place they are written: named arguments in any
/// order, a params array named out of place, an optional parameter left out (its default spelled
/// out). Where C#'s written order and stap's parameter order would run side effects differently,
/// STAP0035 says so at the argument stap would move ahead.
/// </summary>
public sealed class NamedArgumentTests
{
    private const string Functions = """
        static long calls;
        static long Sub(long a, long b) => a - b;
        static long Next() => ++calls;

        """;

    [Theory]
    [InlineData("""Println(StrReplace(replacement: "R", search: "S", s: s));""", """println(str_replace(s, "S", "R"))""")]
    [InlineData("""Println(StrReplace(s, replacement: "R", search: "S"));""", """println(str_replace(s, "S", "R"))""")]
    [InlineData("Println(Sub(b: 10, a: 3));", "println(Sub(3, 10))")]
    [InlineData("Println(Sub(3, b: 10));", "println(Sub(3, 10))")]
    [InlineData("Println(Substr(length: 2, start: 1, s: s));", "println(substr(s, 1, 2))")]
    [InlineData("""Println(Cast(type: "task_struct", pointer: p).Long("pid"));""", """println(@cast(p, "task_struct", "kernel")->pid)""")]
    [InlineData("""Println(Cast(p, module: "kernel<linux/sched.h>", type: "task_struct").Long("pid"));""", """println(@cast(p, "task_struct", "kernel<linux/sched.h>")->pid)""")]
    [InlineData("""Println(Call<long>(arguments: p, function: "task_nice"));""", "println(task_nice(p))")]
    [InlineData("""Printf(args: p, format: "%d\n");""", """printf("%d\n", p)""")]
    [InlineData("Println(Sub(b: Pid(), a: 3));", "println(Sub(3, pid()))")]
    [InlineData("Println(Sub(b: p, a: p + 1));", "println(Sub(p + 1, p))")]
    public void Arguments_go_to_their_parameters(string statement, string expected)
    {
        var script = TestCompiler.Single(Probe(statement));
        Assert.Contains("  " + expected + "\n", script.Text, StringComparison.Ordinal);
    }

    [DebuginfoFact] // @cast(p, "task_struct", "kernel") reads the type from the kernel's debuginfo
    public void Real_stap_resolves_the_calls_with_their_parameters_types()
    {
        // With arguments by position, substr(2, 1, s) and @cast("task_struct", p) are type errors in stap -p2.
        var script = TestCompiler.Single(Probe("""
            Println(StrReplace(replacement: "R", search: "S", s: s));
            Println(Substr(length: 2, start: 1, s: s));
            Println(Cast(type: "task_struct", pointer: p).Long("pid"));
            Println(Call<long>(arguments: p, function: "task_nice"));
            Println(Sub(b: 10, a: 3));
            """));
        StapTool.AssertAccepts(script);
    }

    [Fact]
    public void Emitted_record_fields_are_matched_by_parameter_and_evaluated_in_written_order()
    {
        var script = TestCompiler.Single(TestCompiler.Usings + """
            public sealed record Pair(long A, long B);
            public sealed class T : ProbeScript
            {
                static long calls;
                static long Next() => ++calls;
                [Probe("begin")] void B() => Emit(new Pair(B: Next(), A: 2));
            }
            """);
        // B's value is computed first, as in C#; the frame still carries A then B.
        Assert.Contains("  ev_B = Next()\n  ev_A = 2\n", script.Text, StringComparison.Ordinal);
        Assert.Contains("%8b%8b%4b\\n\", 0, ev_ts, ev_cpu, ev_A, ev_B, ", script.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Println(Sub(b: Next(), /*@*/a: Next()));")]
    [InlineData("Println(Sub(b: p++, /*@*/a: p));")]
    [InlineData("Println(Sub(b: calls, /*@*/a: Next()));")]
    [InlineData("Println(Sub(b: p = 4, /*@*/a: p));")]
    public void Arguments_whose_side_effects_would_run_in_another_order_are_reported(string statement)
    {
        MarkedSource.AssertReported("STAP0035", Probe(statement));
    }

    [Fact]
    public void The_advice_for_reordered_side_effects_compiles_and_keeps_the_written_order()
    {
        // What STAP0035 says to write: the values into locals in the order meant, then the locals.
        var script = TestCompiler.Single(Probe("""
            var b = Next();
            var a = Next();
            Println(Sub(b: b, a: a));
            """));
        Assert.Contains("  b = Next()\n  a = Next()\n  println(Sub(a, b))\n", script.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_reordering_message_names_both_parameters()
    {
        var error = Assert.Single(TestCompiler.Errors(Probe("Println(Sub(b: Next(), a: Next()));")));
        Assert.Contains("'a' is written after the one for 'b'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[ProbeAlias(point: \"kernel.function(/*@*/foo)\", name: \"my.alias\")] void A() { }")]
    [InlineData("[Probe(point: \"timer.s(/*@*/)\")] void P() { }")]
    public void A_probe_point_named_out_of_place_is_reported_inside_its_own_argument(string member) =>
        MarkedSource.AssertReported("STAP0002", TestCompiler.Class("[Probe(\"begin\")] void B() { }\n" + member));

    private static string Probe(string statements) =>
        TestCompiler.Class(Functions + "[Probe(\"begin\")]\nvoid B()\n{\nstring s = \"xSx\";\nlong p = 1;\n" + statements + "\n}");
}
