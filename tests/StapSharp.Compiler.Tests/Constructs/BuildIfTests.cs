using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.Constructs;

/// <summary>
/// Probes and globals declared under a build-time condition: <c>[BuildIf(nameof(P))]</c> names a static bool property
/// whose body is a condition on Kernel facts, and is stap's <c>%( condition %? declaration %)</c>; <c>Otherwise = true</c>
/// is the alternative (stap's <c>%:</c>). A global declared under a condition is used only under the same one.
/// </summary>
public sealed class BuildIfTests : MisuseTheory
{
    private const string Smp = "static bool Smp => Kernel.Config(\"CONFIG_SMP\") == \"y\";\n";
    private const string Missing = "static bool Missing => Kernel.Config(\"CONFIG_STAPSHARP_NOT_AN_OPTION\") == \"y\";\n";

    [Fact]
    public void A_probe_and_a_global_under_a_condition_print_inside_it()
    {
        var script = TestCompiler.Single(TestCompiler.Class(Smp +
            "[BuildIf(nameof(Smp))] static long n;\n[BuildIf(nameof(Smp))] [Probe(\"timer.s(1)\")] void Tick() => n++;\n" +
            "[BuildIf(nameof(Smp), Otherwise = true)] [Probe(\"begin\")] void U() => Println(\"uniprocessor\");"));

        Assert.Contains("%( CONFIG_SMP == \"y\" %? global n %)\n", script.Text, StringComparison.Ordinal);
        Assert.Contains("%( CONFIG_SMP == \"y\" %?\nprobe timer.s(1)\n{\n  n++\n}\n%)\n", script.Text, StringComparison.Ordinal);
        Assert.Contains("%( CONFIG_SMP != \"y\" %?\nprobe begin\n{\n  println(\"uniprocessor\")\n}\n%)\n", script.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_condition_takes_the_shape_of_an_if_on_the_same_facts()
    {
        // The same binder and lowering as if (...): negations pushed in, && spread over ||.
        var script = TestCompiler.Single(TestCompiler.Class(
            "static bool P => !(Kernel.VersionBelow(\"5.10\") || Kernel.Arch != \"x86_64\") && (Kernel.GuruMode || Kernel.ArgumentCount > 1);\n" +
            "[BuildIf(nameof(P))] [Probe(\"begin\")] void B() => Exit();\n[Probe(\"begin\")] void C() { if (!(Kernel.VersionBelow(\"5.10\") || Kernel.Arch != \"x86_64\") && (Kernel.GuruMode || Kernel.ArgumentCount > 1)) { Exit(); } }"));

        const string Condition = "%( kernel_v >= \"5.10\" && arch == \"x86_64\" && guru_mode == 1 || kernel_v >= \"5.10\" && arch == \"x86_64\" && $# > 1 %?";
        Assert.Equal(2, script.Text.Split(Condition).Length - 1);
    }

    [StapFact]
    public void Stap_keeps_the_declarations_whose_condition_holds_and_drops_the_others()
    {
        var script = TestCompiler.Single(TestCompiler.Class(Smp + Missing +
            "[BuildIf(nameof(Missing))] static readonly StapMap<long, long> absent = new();\n" +
            "[BuildIf(nameof(Missing))] [Probe(\"timer.s(1)\")] void Absent() => absent[1]++;\n" +
            "[BuildIf(nameof(Missing), Otherwise = true)] [Probe(\"timer.s(2)\")] void Present() => Println(\"present\");\n" +
            "[BuildIf(nameof(Smp))] [Probe(\"timer.s(3)\")] void Kept() => Println(\"kept\");"));

        StapTool.AssertAccepts(script);
        var stdout = StapTool.OutputOf(script.Text, 2, withoutDebuginfo: true);
        Assert.DoesNotContain("timer.s(1)", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("absent", stdout, StringComparison.Ordinal);
        Assert.Contains("timer.s(2)", stdout, StringComparison.Ordinal);
        Assert.Contains("timer.s(3)", stdout, StringComparison.Ordinal);
    }

    /// <summary>What STAP0297 keeps from stap: an array declared under a false condition, used by a probe built without it.</summary>
    [StapFact]
    public void Stap_fails_on_an_unconditional_use_of_a_global_whose_condition_does_not_hold()
    {
        StapTool.AssertRejects("%( CONFIG_STAPSHARP_NOT_AN_OPTION == \"y\" %? global absent %)\nprobe timer.s(1)\n{\n  absent[1]++\n}\n", "absent");
    }

    [Fact]
    public void A_global_under_a_condition_is_typed_in_probe_never_under_that_condition()
    {
        var script = TestCompiler.Single(TestCompiler.Class(Smp +
            "[BuildIf(nameof(Smp))] static string last;\n[BuildIf(nameof(Smp))] [Probe(\"timer.s(1)\")] void Tick() { string s = last; Println(s); }"));

        Assert.Contains("probe never\n{\n  %( CONFIG_SMP == \"y\" %?\n  {\n    last = \"\"\n  }\n  %)\n}\n", script.Text, StringComparison.Ordinal);
        StapTool.AssertAccepts(script);
    }

    [Fact]
    public void The_guides_example_translates_as_it_shows()
    {
        var script = TestCompiler.Single(TestCompiler.Class("""
            static bool HasNuma => Kernel.Config("CONFIG_NUMA") == "y";

            [BuildIf(nameof(HasNuma))]
            static readonly StapMap<long, long> migrations = new();

            [BuildIf(nameof(HasNuma))]
            [Probe("kernel.trace(\"sched_move_numa\") ?")]
            void Move() => migrations[Var.Long("dst_cpu")]++;

            [BuildIf(nameof(HasNuma), Otherwise = true)]
            [Probe("begin")]
            void NoNuma() => Println("no NUMA");
            """));

        Assert.Contains("""
            %( CONFIG_NUMA == "y" %? global migrations %)

            %( CONFIG_NUMA == "y" %?
            probe kernel.trace("sched_move_numa") ?
            {
              migrations[$dst_cpu]++
            }
            %)

            %( CONFIG_NUMA != "y" %?
            probe begin
            {
              println("no NUMA")
            }
            %)

            """, script.Text, StringComparison.Ordinal);
        // A global only written is read in probe never, which keeps stap from printing it at the end: under its condition.
        Assert.Contains("probe never\n{\n  %( CONFIG_NUMA == \"y\" %?\n", script.Text, StringComparison.Ordinal);
    }

    /// <summary>Each misuse, reported at the marked place, the members with its advice applied, which translate, and words of the advice.</summary>
    protected override MisuseCases Misuses => new(TestCompiler.Class)
    {
        // A global under a condition used by a probe built without it: give the probe the same condition.
        { "STAP0297", Smp + "[BuildIf(nameof(Smp))] static readonly StapMap<long, long> n = new();\n[Probe(\"timer.s(1)\")] void Tick() => /*@*/n[1]++;",
            Smp + "[BuildIf(nameof(Smp))] static readonly StapMap<long, long> n = new();\n[BuildIf(nameof(Smp))] [Probe(\"timer.s(1)\")] void Tick() => n[1]++;",
            "put the same [BuildIf(nameof(Smp))] on the probe that uses it" },
        { "STAP0297", Smp + "[BuildIf(nameof(Smp))] static long n;\n[BuildIf(nameof(Smp), Otherwise = true)] [Probe(\"timer.s(1)\")] void Tick() => Println(/*@*/n);",
            Smp + "[BuildIf(nameof(Smp))] static long n;\n[BuildIf(nameof(Smp))] [Probe(\"timer.s(1)\")] void Tick() => Println(n);",
            "put the same [BuildIf(nameof(Smp))] on the probe that uses it" },
        // In a function, which is built unconditionally: use the global in the probe.
        { "STAP0297", Smp + "[BuildIf(nameof(Smp))] static long n;\nstatic void Bump() => /*@*/n++;\n[BuildIf(nameof(Smp))] [Probe(\"timer.s(1)\")] void Tick() => Bump();",
            Smp + "[BuildIf(nameof(Smp))] static long n;\n[BuildIf(nameof(Smp))] [Probe(\"timer.s(1)\")] void Tick() => n++;",
            "put the same [BuildIf(nameof(Smp))] on the probe that uses it" },
        // A name that is no property: declare it.
        { "STAP0296", "[BuildIf(/*@*/\"Smp\")] [Probe(\"timer.s(1)\")] void Tick() => Exit();",
            Smp + "[BuildIf(nameof(Smp))] [Probe(\"timer.s(1)\")] void Tick() => Exit();",
            "static bool HasNuma => Kernel.Config(\"CONFIG_NUMA\") == \"y\"; then [BuildIf(nameof(HasNuma))]" },
        // A property that is not a static bool with an expression body.
        { "STAP0296", "static long Smp => 1;\n[BuildIf(/*@*/nameof(Smp))] [Probe(\"timer.s(1)\")] void Tick() => Exit();",
            Smp + "[BuildIf(nameof(Smp))] [Probe(\"timer.s(1)\")] void Tick() => Exit();", "name a static bool property of this script" },
        // A body that reads no Kernel fact cannot be decided when the script is built.
        { "STAP0296", "static bool Smp => /*@*/1 > 0;\n[BuildIf(nameof(Smp))] [Probe(\"timer.s(1)\")] void Tick() => Exit();",
            Smp + "[BuildIf(nameof(Smp))] [Probe(\"timer.s(1)\")] void Tick() => Exit();", "write the condition with Kernel facts" },
        // On a function: put it on the probe that calls it.
        { "STAP0296", Smp + "[BuildIf(/*@*/nameof(Smp))] static void Say() => Println(\"smp\");\n[Probe(\"timer.s(1)\")] void Tick() => Say();",
            Smp + "static void Say() => Println(\"smp\");\n[BuildIf(nameof(Smp))] [Probe(\"timer.s(1)\")] void Tick() => Say();",
            "put [BuildIf] on the probe that calls it" },
        // The checks of an if's condition apply: a run-time value in it, and the size limit.
        { "STAP0257", "static long limit;\nstatic bool Smp => Kernel.Config(\"CONFIG_SMP\") == \"y\" && /*@*/limit > 0;\n[BuildIf(nameof(Smp))] [Probe(\"timer.s(1)\")] void Tick() => Exit();",
            Smp + "[BuildIf(nameof(Smp))] [Probe(\"timer.s(1)\")] void Tick() => Exit();", "test run-time values in an if inside it" },
        { "STAP0027", "static bool Big => /*@*/" + string.Join(" && ", Enumerable.Range(0, 7).Select(i => $"(Kernel.Arch == \"a{i}\" || Kernel.Arch == \"b{i}\")")) + ";\n[BuildIf(nameof(Big))] [Probe(\"timer.s(1)\")] void Tick() => Exit();",
            "static bool Big => Kernel.Arch == \"x86_64\" || Kernel.Arch == \"b0\";\n[BuildIf(nameof(Big))] [Probe(\"timer.s(1)\")] void Tick() { " +
            string.Concat(Enumerable.Range(1, 6).Select(i => $"if (Kernel.Arch == \"x86_64\" || Kernel.Arch == \"b{i}\") {{ ")) + "Exit(); " + new string('}', 6) + " }",
            "cannot be nested", "inside the probe's body" },
    };
}
