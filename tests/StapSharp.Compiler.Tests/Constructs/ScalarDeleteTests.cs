using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.Constructs;

/// <summary>
/// stap's <c>delete x</c> of a scalar: <c>x = default;</c> on a long or string global returns it to 0 or "", and
/// <c>s.Clear()</c> empties a scalar statistic. Only globals print <c>delete</c>: stap deletes no function parameter
/// or target variable, and a C# local has no unset value, so there <c>= default</c> stays an assignment.
/// </summary>
public sealed class ScalarDeleteTests : MisuseTheory
{
    private const string Globals = "static long Count; static string Name = \"\"; static readonly Stats Ticks = new();\n";

    [Fact]
    public void Default_on_a_global_and_clear_on_a_statistic_print_delete()
    {
        var script = TestCompiler.Single(TestCompiler.Class(Globals + """
            [Probe("begin")]
            void B()
            {
                Count = 1; Name = "a"; Ticks.Add(1);
                Count = default;
                (Name) = default(string);
                Ticks.Clear();
                Printf("%d %s %d\n", Count, Name, Ticks.Count());
            }
            """));

        Assert.Contains("  delete Count\n  delete Name\n  delete Ticks\n", script.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_elsewhere_stays_an_assignment()
    {
        var script = TestCompiler.Single(TestCompiler.Class(Globals + """
            static long Reset(long a) { a = default; return a; }
            [Probe("begin")]
            void B()
            {
                long n = 5;
                n = default;
                Count = 0;
                Println(n + Reset(Count));
            }
            """));

        Assert.Contains("  a = 0\n", script.Text, StringComparison.Ordinal);
        Assert.Contains("  n = 0\n", script.Text, StringComparison.Ordinal);
        Assert.Contains("  Count = 0\n", script.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("delete", script.Text, StringComparison.Ordinal);
    }

    [StapFact]
    public void Stap_accepts_the_deletes()
    {
        var script = TestCompiler.Single(TestCompiler.Class(Globals + """
            [Probe("begin")]
            void B()
            {
                Count = default;
                Name = default;
                Ticks.Clear();
                Printf("%d %s %d\n", Count, Name, Ticks.Count());
            }
            [Probe("timer.s(1)")] void Tick() { Count++; Name = ExecName(); Ticks.Add(Count); }
            """));

        StapTool.AssertAccepts(script);
        var stdout = StapTool.OutputOf(script.Text, 1);
        Assert.Contains("delete Count;", stdout, StringComparison.Ordinal);
        Assert.Contains("delete Name;", stdout, StringComparison.Ordinal);
        Assert.Contains("delete Ticks;", stdout, StringComparison.Ordinal);
    }

    [StapFact]
    public void Stap_deletes_no_parameter_or_target_variable_which_is_why_those_stay_assignments()
    {
        StapTool.AssertRejects("function f(a) { delete a; return a }\nprobe begin { print(f(1)) }\n", "unresolved array in delete statement");
        StapTool.AssertRejects("probe procfs(\"f\").read { delete $value }\n", "invalid operand of delete expression");
    }

    protected override MisuseCases Misuses => new(TestCompiler.Class)
    {
        // A string local has no unset value in C#: default is null, which stap lacks; "" is the empty string.
        { "STAP0001", "[Probe(\"begin\")] void B() { string s = ExecName(); s = /*@*/default; Println(s); }",
            "[Probe(\"begin\")] void B() { string s = ExecName(); s = \"\"; Println(s); }", "use \"\" for an empty string" },
        // A procfs file's text is set, not deleted: assign "".
        { "STAP0001", "[Probe(\"procfs(\\\"f\\\").read\")] void R([Target] ref string value) { value = /*@*/default; }",
            "[Probe(\"procfs(\\\"f\\\").read\")] void R([Target] ref string value) { value = \"\"; }", "use \"\" for an empty string" },
    };
}
