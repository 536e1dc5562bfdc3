using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.Constructs;

/// <summary>
/// Helpers that read the probe context are inlined as stap macros (<c>@define name(a) %( ... %)</c>, used as
/// <c>@name(x)</c>), since a stap function cannot see the context of the probe that calls it; a helper that a
/// macro cannot hold faithfully is reported at its name.
/// </summary>
public sealed class ContextHelperTests : MisuseTheory
{
    private const string Switch = "[Probe(\"kernel.trace(\\\"sched_switch\\\")\")]";
    private const string ReadReturn = "[Probe(\"kernel.function(\\\"vfs_read\\\").return\")]";

    [Fact]
    public void A_helper_that_reads_the_context_is_a_macro_defined_before_its_use()
    {
        var script = TestCompiler.Single(TestCompiler.Class(
            "static long State() => Defined(Var.Long(\"prev->__state\")) ? Var.Long(\"prev->__state\") : Var.Long(\"prev->state\");\n" +
            Switch + " void S() => Println(State());"));

        Assert.Contains("@define State %( (@defined($prev->__state) ? $prev->__state : $prev->state) %)\n", script.Text, StringComparison.Ordinal);
        Assert.Contains("  println(@State)\n", script.Text, StringComparison.Ordinal);
        Assert.True(script.Text.IndexOf("@define State", StringComparison.Ordinal) < script.Text.IndexOf("probe ", StringComparison.Ordinal));
        Assert.DoesNotContain("function State", script.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Parameters_are_pasted_and_a_helper_reading_through_another_is_a_macro_too()
    {
        var script = TestCompiler.Single(TestCompiler.Class(
            "static long Pid() => Var.Long(\"next->pid\");\nstatic long Plus(long n, string s) => Pid() + n + StrLen(s);\n" +
            Switch + " void S() { long k = 2; Println(Plus(k, \"x\")); Println(Plus(-1, \"y\")); }"));

        Assert.Contains("@define Plus(n, s) %( ((@Pid + @n) + strlen(@s)) %)\n", script.Text, StringComparison.Ordinal);
        Assert.Contains("println(@Plus(k, \"x\"))", script.Text, StringComparison.Ordinal);
        Assert.Contains("println(@Plus((-1), \"y\"))", script.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_helper_that_reads_no_context_stays_a_function()
    {
        var script = TestCompiler.Single(TestCompiler.Class("static long Twice(long n) => n * 2;\n" + Switch + " void S() => Println(Twice(Var.Long(\"next->pid\")));"));

        Assert.Contains("function Twice:long (n:long)", script.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("@define", script.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_macro_used_as_a_statement_is_a_block_so_it_cannot_continue_the_line_before()
    {
        var script = TestCompiler.Single(TestCompiler.Class("static long g;\nstatic long Pid() => Var.Long(\"next->pid\");\n" + Switch + " void S() { long x = g; Pid(); Println(x); }"));

        Assert.Contains("  x = g\n  { @Pid }\n", script.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_macro_or_parameter_name_stap_already_uses_is_renamed()
    {
        var script = TestCompiler.Single(TestCompiler.Class(
            "static long entry(long count) => Var.Long(\"next->pid\") + count;\nstatic long choose_defined() => Var.Long(\"prev->pid\");\n" +
            Switch + " void S() => Println(entry(1) + choose_defined());"));

        Assert.Contains("@define entry_(count_) %( ($next->pid + @count_) %)\n", script.Text, StringComparison.Ordinal);
        Assert.Contains("@define choose_defined_ %(", script.Text, StringComparison.Ordinal);
        Assert.Contains("println(@entry_(1) + @choose_defined_)", script.Text, StringComparison.Ordinal);
    }

    [StapFact]
    public void Stap_decides_defined_in_the_probe_the_macro_is_pasted_into()
    {
        // The same helper, in two probes: -p1 prints the script with each use expanded there.
        var script = TestCompiler.Single(TestCompiler.Class(
            "static long Prev() => Defined(Var.Long(\"prev->pid\")) ? Var.Long(\"prev->pid\") : -1;\n" +
            Switch + " void S() => Println(Prev());\n[Probe(\"timer.s(1)\")] void Tick() => Println(Prev());"));

        StapTool.AssertAccepts(script);
        var stdout = StapTool.OutputOf(script.Text, 1, withoutDebuginfo: true);
        Assert.Equal(2, CountOf(stdout, "@defined($prev->pid)"));
    }

    [Fact]
    public void The_guides_example_translates_as_it_shows()
    {
        var script = TestCompiler.Single(TestCompiler.Class("""
            static long PrevState() => Defined(Var.Long("prev->__state")) ? Var.Long("prev->__state") : Var.Long("prev->state");
            static long Scaled(long factor) => PrevState() * factor;

            [Probe("kernel.trace(\"sched_switch\")")]
            void Switch()
            {
                long factor = 3;
                Println($"{PrevState()} {Scaled(factor)}");
            }
            """));

        Assert.Contains("""
            @define PrevState %( (@defined($prev->__state) ? $prev->__state : $prev->state) %)

            @define Scaled(factor) %( (@PrevState * @factor) %)

            probe kernel.trace("sched_switch")
            {
              factor = 3
              printf("%d %d\n", @PrevState, @Scaled(factor))
            }

            """, script.Text, StringComparison.Ordinal);
    }

    private const string Inline = "[System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]\n";

    [Fact]
    public void A_helper_marked_aggressive_inlining_is_a_macro_though_it_reads_no_context()
    {
        var script = TestCompiler.Single(TestCompiler.Class(
            "static readonly StapMap<long, Stats> stats = new();\n" +
            Inline + "static void Show(long x) => Printf(\"%d %d\\n\", x, stats[x].Count());\n" +
            "[Probe(\"begin\")] void B() { stats[1].Add(3); foreach (var (x, _) in stats) { Show(x); } }"));

        Assert.Contains("@define Show(x) %( printf(\"%d %d\\n\", @x, @count(stats[@x])) %)\n", script.Text, StringComparison.Ordinal);
        Assert.Contains("    @Show(x)\n", script.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("function Show", script.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_helper_that_calls_a_marked_one_stays_a_function()
    {
        // A function may use a macro: only reading the context spreads to callers.
        var script = TestCompiler.Single(TestCompiler.Class(
            Inline + "static long Twice(long n) => n * 2;\nstatic long Four(long n) => Twice(n) + Twice(n);\n[Probe(\"begin\")] void B() => Println(Four(1));"));

        Assert.Contains("@define Twice(n) %( (@n * 2) %)\n", script.Text, StringComparison.Ordinal);
        Assert.Contains("function Four:long (n:long)", script.Text, StringComparison.Ordinal);
    }

    [StapFact]
    public void Stap_accepts_a_marked_macro_and_expands_it_where_it_is_used()
    {
        var script = TestCompiler.Single(TestCompiler.Class(
            "static readonly StapMap<long, Stats> stats = new();\n" +
            Inline + "static void Show(long x) => Printf(\"%d %d\\n\", x, stats[x].Count());\n" +
            "[Probe(\"begin\")] void B() { stats[1].Add(3); foreach (var (x, _) in stats) { Show(x); } long y = 2; Show(y); }"));

        StapTool.AssertAccepts(script);
        var stdout = StapTool.OutputOf(script.Text, 1, withoutDebuginfo: true);
        Assert.Equal(2, CountOf(stdout, "printf(\"%d %d"));
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;

    /// <summary>Each misuse, reported at the marked place, the members with its advice applied, which translate, and words of the advice.</summary>
    protected override MisuseCases Misuses => new(TestCompiler.Class)
    {
        // A body that is not one expression: write it as one.
        { "STAP0293", "static long /*@*/Fd() { long fd = Var.Long(\"prev->pid\"); return fd; }\n" + Switch + " void S() => Println(Fd());",
            "static long Fd() => Var.Long(\"prev->pid\");\n" + Switch + " void S() => Println(Fd());", "write the body as one expression" },
        // Reading the context through another helper makes a helper a macro too.
        { "STAP0293", "static long Pid() => Var.Long(\"prev->pid\");\nstatic long /*@*/Both() { if (Pid() > 0) { return Pid(); } return 0; }\n" + Switch + " void S() => Println(Both());",
            "static long Pid() => Var.Long(\"prev->pid\");\nstatic long Both() => Pid() > 0 ? Pid() : 0;\n" + Switch + " void S() => Println(Both());",
            "write the body as one expression" },
        // Recursion: read the context in the probe and pass the value to a plain function.
        { "STAP0293", "static long /*@*/Depth(long n) => n <= 0 ? Var.Long(\"prev->pid\") : Depth(n - 1);\n" + Switch + " void S() { long n = 3; Println(Depth(n)); }",
            "static long Depth(long n, long pid) => n <= 0 ? pid : Depth(n - 1, pid);\n" + Switch + " void S() { long n = 3; long pid = Var.Long(\"prev->pid\"); Println(Depth(n, pid)); }",
            "read the context in the probe and pass the value as a parameter" },
        { "STAP0293", "static long /*@*/Ping(long n) => n <= 0 ? Var.Long(\"prev->pid\") : Pong(n - 1);\nstatic long Pong(long n) => Ping(n);\n" + Switch + " void S() { long n = 3; Println(Ping(n)); }",
            "static long Ping(long n, long pid) => n <= 0 ? pid : Pong(n - 1, pid);\nstatic long Pong(long n, long pid) => Ping(n, pid);\n" + Switch + " void S() { long n = 3; long pid = Var.Long(\"prev->pid\"); Println(Ping(n, pid)); }",
            "read the context in the probe and pass the value as a parameter" },
        // An argument that is not a constant or a local: store it in a local first.
        { "STAP0294", "static long Plus(long n) => Var.Long(\"prev->pid\") + n + n;\n" + Switch + " void S() => Println(Plus(/*@*/GetTimeOfDayNs()));",
            "static long Plus(long n) => Var.Long(\"prev->pid\") + n + n;\n" + Switch + " void S() { var value = GetTimeOfDayNs(); Println(Plus(value)); }",
            "store it in a local first (var value = GetTimeOfDayNs();) and pass the local" },
        { "STAP0294", "static long total;\nstatic long Plus(long n) => Var.Long(\"prev->pid\") + n + total++;\n" + Switch + " void S() => Println(Plus(/*@*/total));",
            "static long total;\nstatic long Plus(long n) => Var.Long(\"prev->pid\") + n + total++;\n" + Switch + " void S() { var value = total; Println(Plus(value)); }",
            "store it in a local first (var value = total;) and pass the local" },
        // A parameter is the caller's argument in a macro: compute with it instead.
        { "STAP0295", "static long Next(long n) => /*@*/++n + Var.Long(\"prev->pid\");\n" + Switch + " void S() { long k = 1; Println(Next(k)); }",
            "static long Next(long n) => n + 1 + Var.Long(\"prev->pid\");\n" + Switch + " void S() { long k = 1; Println(Next(k)); }",
            "compute with it" },
        // A marked helper follows a macro's rules; its advice is to drop the mark, which makes it a function.
        { "STAP0293", Inline + "static long /*@*/Sum(long n) { long s = n; return s + 1; }\n[Probe(\"begin\")] void B() => Println(Sum(1));",
            "static long Sum(long n) { long s = n; return s + 1; }\n[Probe(\"begin\")] void B() => Println(Sum(1));",
            "remove [MethodImpl(MethodImplOptions.AggressiveInlining)] to make it a stap function" },
        { "STAP0293", Inline + "static long /*@*/Down(long n) => n <= 0 ? 0 : Down(n - 1);\n[Probe(\"begin\")] void B() => Println(Down(3));",
            "static long Down(long n) => n <= 0 ? 0 : Down(n - 1);\n[Probe(\"begin\")] void B() => Println(Down(3));",
            "remove [MethodImpl(MethodImplOptions.AggressiveInlining)] so that the recursive part is a plain function" },
        { "STAP0294", Inline + "static long Twice(long n) => n + n;\n[Probe(\"begin\")] void B() => Println(Twice(/*@*/GetTimeOfDayNs()));",
            Inline + "static long Twice(long n) => n + n;\n[Probe(\"begin\")] void B() { var value = GetTimeOfDayNs(); Println(Twice(value)); }",
            "store it in a local first (var value = GetTimeOfDayNs();) and pass the local" },
        // What the macro reads is checked in the probe it is pasted into, as the read itself would be.
        { "STAP0252", "static long Count() => Var.Long(\"count\");\n" + ReadReturn + " void R() => Println(/*@*/Count());",
            "static long Count() => Var.Long(\"count\");\n" + ReadReturn + " void R() => Println(Entry(Count()));", "write Entry(Count())" },
        { "STAP0251", "static long Took() => GetTimeOfDayUs() - Entry(GetTimeOfDayUs());\n[Probe(\"kernel.function(\\\"vfs_read\\\")\")] void R() => Println(/*@*/Took());",
            "static long Took() => GetTimeOfDayUs() - Entry(GetTimeOfDayUs());\n" + ReadReturn + " void R() => Println(Took());",
            "move it into such a probe" },
    };
}
