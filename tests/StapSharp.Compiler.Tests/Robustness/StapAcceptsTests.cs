using StapSharp.Compiler.StapRules;
using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.Robustness;

/// <summary>
/// Scripts the translator used to emit and stap then rejected in a later pass. Each is now either a
/// located diagnostic, or translated so that stap accepts it (checked with the pass that failed).
/// </summary>
public sealed class StapAcceptsTests
{
    private const string Marker = MarkedSource.Marker;

    private static string Holes(int count) => string.Concat(Enumerable.Range(0, count).Select(i => $"{{x{i % 4}}} "));

    private const string Longs = "static long x0, x1, x2, x3;\n";

    public static TheoryData<string, string> Rejected() => new()
    {
        // stap's printf takes at most 32 values ("too many arguments to print", pass 3).
        { "STAP0028", Longs + "[Probe(\"begin\")] void B() { " + Marker + "Printf(\"" + string.Concat(Enumerable.Repeat("%d", 33)) + "\\n\", " + string.Join(", ", Enumerable.Repeat("x0", 33)) + "); }" },
        { "STAP0028", Longs + "[Probe(\"begin\")] void B() { " + Marker + "Println($\"" + Holes(33) + "\"); }" },
        { "STAP0028", Longs + "[Probe(\"begin\")] void B() { string s = " + Marker + "$\"" + Holes(33) + "\"; Println(s); }" },
        // A map changed inside a foreach over it ("modified during 'foreach' iteration", pass 2).
        { "STAP0029", "static StapMap<long, long> m = new();\n[Probe(\"begin\")] void B() { m[1] = 1; foreach (var (k, v) in m) " + Marker + "m[k] = 2; }" },
        { "STAP0029", "static StapMap<long, long> m = new();\nstatic void F(long k) { m[k] = 2; }\n[Probe(\"begin\")] void B() { m[1] = 1; foreach (var (k, v) in m) " + Marker + "F(k); }" },
        { "STAP0029", "static StapMap<long, long> m = new();\nstatic void G(long k) { m[k]++; }\nstatic void F(long k) { G(k); }\n[Probe(\"begin\")] void B() { m[1] = 1; foreach (var (k, v) in m) " + Marker + "F(k); }" },
        { "STAP0029", "static StapMap<long, long> m = new();\nstatic void F() { m.Clear(); }\n[Probe(\"begin\")] void B() { m[1] = 1; foreach (var (k, v) in m) { " + Marker + "F(); } }" },
        { "STAP0029", "static StapMap<long, long> m = new();\n[Probe(\"begin\")] void B() { m[1] = 1; foreach (var (k, v) in m) " + Marker + "m.Remove(k); }" },
        { "STAP0029", "static StapMap<long, Stats> s = new();\nstatic void F(long k) { s[k].Add(1); }\n[Probe(\"begin\")] void B() { s[1].Add(1); foreach (var (k, v) in s) " + Marker + "F(k); }" },
        // stap checks a foreach's limit as part of its iteration (its slice before it).
        { "STAP0029", "static StapMap<long, long> m = new();\nstatic long F() { m[2] = 1; return 5; }\n[Probe(\"begin\")] void B() { m[1] = 1; foreach (var (k, v) in m.Take(" + Marker + "F())) Println($\"{k}\"); }" },
        // A non-ASCII digit in a printf width, which stap's lexer rejects (pass 1).
        { "STAP0005", "[Probe(\"begin\")] void B() { Printf(" + Marker + "\"%\u0663d\\n\", 1L); }" },
    };

    [Theory]
    [MemberData(nameof(Rejected))]
    public void Is_reported_at_its_place(string id, string members)
    {
        MarkedSource.AssertReported(id, TestCompiler.Class(members));
    }

    [Fact]
    public void An_event_wider_than_a_printf_is_reported_at_its_Emit()
    {
        // 4 values for the frame (type, time, cpu, check) and 30 integer fields: 34.
        var fields = string.Join(", ", Enumerable.Range(0, 30).Select(i => $"long F{i}"));
        var source = TestCompiler.Usings + $"public sealed record Wide({fields});\n" +
            "public sealed class T : ProbeScript\n{\n[Probe(\"begin\")] void B() { " + Marker +
            "Emit(new Wide(" + string.Join(", ", Enumerable.Range(0, 30).Select(i => $"{i}")) + ")); }\n}\n";
        MarkedSource.AssertReported("STAP0028", source);
    }

    public static TheoryData<string, int> Accepted() => new()
    {
        // The most values stap's printf takes.
        { Longs + "[Probe(\"begin\")] void B() { Printf(\"" + string.Concat(Enumerable.Repeat("%d", FormatArgumentLimit.MaxArguments)) + "\\n\", " + string.Join(", ", Enumerable.Repeat("x0", FormatArgumentLimit.MaxArguments)) + "); }", 3 },
        { Longs + "[Probe(\"begin\")] void B() { Println($\"" + Holes(FormatArgumentLimit.MaxArguments) + "\"); }", 3 },
        // Maps stap cannot type from the script alone ("unresolved type", pass 2).
        { "static StapMap<long, long> m = new();\n[Probe(\"begin\")] void B() { m.Clear(); }", 2 },
        { "static StapMap<long, string> m = new(maxEntries: 100);\n[Probe(\"begin\")] void B() { foreach (var (k, v) in m) Println($\"{k} {v}\"); }", 2 },
        { "static StapMap<(long, string), long> m = new();\n[Probe(\"begin\")] void B() { foreach (var ((pid, name), n) in m) Printf(\"%d %s %d\\n\", pid, name, n); }", 2 },
        { "static StapMap<long, long> m = new();\n[Probe(\"begin\")] void B() { if (m.ContainsKey(5)) Println(\"yes\"); }", 2 },
        { "static Stats s = new();\n[Probe(\"begin\")] void B() { s.Clear(); }", 2 },
        { "static long x, y;\n[Probe(\"begin\")] void B() { if (x == y) Println(\"same\"); }", 2 },
        { "static long x;\n#pragma warning disable CS1717\n[Probe(\"begin\")] void B() { x = x; }", 2 },
        // One stap types by itself (from the aggregate): typing it again changes nothing.
        { "static StapMap<string, Stats> s = new();\n[Probe(\"begin\")] void B() { foreach (var (k, v) in s) Println($\"{k} {v.Count()}\"); }", 2 },
        // A statistic the script reads but never adds to, in a script that adds to another ("unable to infer
        // statistic parameters", pass 2).
        { "static Stats t = new(), s = new();\n[Probe(\"begin\")] void B() { t.Add(s.Count()); }", 2 },
        { "static StapMap<long, Stats> t = new(), s = new();\n[Probe(\"begin\")] void B() { t[1].Add(s[1].Count()); }", 2 },
        // Globals the script never uses next to one it only writes: only the written one gets a read.
        { "static StapMap<(long, string), long> unused = new();\nstatic Stats idle = new();\nstatic long written;\n[Probe(\"begin\")] void B() { written = 1; }", 2 },
        // Globals used only in a function no probe calls: stap elides the function before it types the script,
        // so neither a typing write nor a read may name them.
        { "static StapMap<(string, long), string> m = new(maxEntries: 100);\nstatic long F(string s) { m[(s, 1)] += \"x\"; return 1; }\n[Probe(\"begin\")] void B() { Println(\"b\"); }", 2 },
        { "static StapMap<long, long> m = new();\nstatic Stats s = new();\nstatic void G() { m[1] = 1; s.Add(1); }\nstatic void F() { G(); }\n[Probe(\"begin\")] void B() { Println(\"b\"); }", 2 },
        // ... and used, through another function, when a probe calls it.
        { "static StapMap<long, long> m = new();\nstatic void G() { m[1] = 1; }\nstatic void F() { G(); }\n[Probe(\"begin\")] void B() { F(); }", 2 },
        // A function reached only through one whose name sorts after its own, in a script that calls no tapset function
        // from its probes: stap's resolution walk passes it by ("symbol without referent", pass 2) unless probe never calls it.
        { "static long item = 4;\nstatic long Describe(long tmp) => item - tmp;\nstatic long Mix() => Describe(1) * 2;\n[Probe(\"timer.s(1)\")] void B() { Println(Mix()); }", 2 },
        { "static long A(string s, long t) => t;\nstatic long C(long t) => A(\"\", t) + D(t);\nstatic long D(long t) => t > 0 ? C(t - 1) : 0;\nstatic long E() => D(3);\n[Probe(\"begin\")] void B() { Println(E()); }", 2 },
        // ... and an overload reached only through a function while a probe calls the other (stap keeps each apart).
        { "static long F(long a) => a;\nstatic long F(long a, long b) => a + b;\nstatic long G() => F(1, 2);\n[Probe(\"begin\")] void B() { Println(F(1) + G()); }", 2 },
        // ... the same reached only from a probe built under a condition, called under that condition.
        { "static bool Smp => Kernel.Config(\"CONFIG_SMP\") == \"y\";\nstatic long A(long t) => t;\nstatic long C() => A(1);\n[BuildIf(nameof(Smp))] [Probe(\"begin\")] void B() { Println(C()); }", 2 },
        // A foreach whose slice calls a function changing the map: stap evaluates the slice before iterating.
        { "static StapMap<long, long> m = new();\nstatic long F() { m[2] = 1; return 5; }\n[Probe(\"begin\")] void B() { m[1] = 1; foreach (var (k, v) in m.Matching(F())) Println($\"{k}\"); }", 2 },
        // A histogram bucket that starts an argument of print, sprint or printd: stap parses nothing after the bucket there.
        { "static Stats s = new(), t = new();\n[Probe(\"begin\")] void B() { s.Add(1); t.Add(1); if (s.Count() > 0) { Print(s.HistLog()[1] - 1); string u = Sprint(s.HistLog()[1] * 2); Println(u); } if (t.Count() > 0) Println(t.HistLinear(0, 10, 1)[2] > 0 ? 1 : 2); }", 1 },
        // Entry() in an alias whose points are all return points: the alias body is a return probe's.
        { "[ProbeAlias(\"timed_read\", \"kernel.function(\\\"vfs_read\\\").return\")] void A() { long started = Entry(GetTimeOfDayNs()); long took = GetTimeOfDayNs() - started; }\n[Probe(\"timed_read\")] void B(long took) { Println($\"{took}\"); }", 2 },
        // Whether a parameter resolves at the entry of a return probe.
        { "[Probe(\"kernel.function(\\\"vfs_read\\\").return\")] void B() { if (Defined(Entry(Var.Long(\"count\")))) Println(Entry(Var.Long(\"count\"))); }", 2 },
        // Outside a return probe stap folds @defined(@entry(...)) to 0 and drops what it guards.
        { "[Probe(\"begin\")] void B() { if (Defined(Entry(Var.Long(\"count\")))) Println(Entry(Var.Long(\"count\"))); else Println(\"no\"); Println(Defined(Entry(Var.Long(\"count\"))) ? Entry(Var.Long(\"count\")) : -1); }", 2 },
        // A catch variable that is never read has no type in stap: it is left out.
        { "static long x;\n[Probe(\"begin\")] void B() { try { x = 1 / x; } catch (StapException e) { x = 0; } }", 2 },
        // A foreach that calls the overload that does not change the map (stap tells them apart by arity).
        { "static StapMap<long, long> m = new();\nstatic void F(long k) { m[k] = 2; }\nstatic void F(long k, long j) { Println($\"{k} {j}\"); }\n[Probe(\"begin\")] void B() { m[1] = 1; foreach (var (k, v) in m) F(k, v); }", 2 },
        // A logical shift whose operands stap folds to literals: its constant folder has no case for >>> ("unsupported
        // binary operator", pass 2), so a constant count is printed as a shift and a mask.
        { "static long x;\n[Probe(\"begin\")] void B() { Println((x % -1) >>> 31); Println((x * 0) >>> 2); Println(x >>> 0); Println(x >>> 64); Println(x >>> 1); }", 2 },
        { "static long x;\n[Probe(\"begin\")] void B() { Println((x * 0 + 1) << 65); Println((x * 0 - 8) >> 66); }", 2 },
        // A foreach that calls a function changing another map.
        { "static StapMap<long, long> m = new();\nstatic StapMap<long, long> n = new();\nstatic void F(long k) { n[k] = 2; }\n[Probe(\"begin\")] void B() { m[1] = 1; foreach (var (k, v) in m) F(k); }", 2 },
    };

    [StapTheory]
    [MemberData(nameof(Accepted))]
    public void Translates_and_stap_accepts_it(string members, int pass)
    {
        var script = TestCompiler.Single(TestCompiler.Class(members));
        var (exitCode, _, stderr) = StapTool.Run(script.Text, pass);
        Assert.True(exitCode == 0, $"stap -p{pass} rejected:\n{script.Text}\n{stderr}");
    }

    [Fact]
    public void Only_globals_stap_cannot_type_get_a_typing_write_and_it_is_in_a_probe_that_never_runs()
    {
        var script = TestCompiler.Single(TestCompiler.Class(
            "static StapMap<long, long> cleared = new();\nstatic StapMap<long, long> counted = new();\n" +
            "[Probe(\"begin\")] void B() { counted[1]++; cleared.Clear(); Println($\"{counted[1]}\"); }"));
        Assert.Contains("probe never\n{\n  cleared[0] = 0\n}\n", script.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("counted[0] = 0", script.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_function_only_functions_call_is_called_in_the_probe_that_never_runs()
    {
        var script = TestCompiler.Single(TestCompiler.Class(
            "static bool Smp => Kernel.Config(\"CONFIG_SMP\") == \"y\";\n" +
            "static long Describe(string s, long t) => t;\nstatic void Mix() { Describe(\"\", 1); }\nstatic long Direct() => Late();\nstatic long Late() => 1;\n" +
            "[Probe(\"begin\")] void B() { Mix(); Println(Direct()); }\n[BuildIf(nameof(Smp))] [Probe(\"end\")] void E() { Println(Inner()); }\nstatic long Inner() => Late2();\nstatic long Late2() => 2;"));
        Assert.Contains("probe never\n{\n  Describe(\"\", 0)\n  Late()\n  %( CONFIG_SMP == \"y\" %?\n  {\n    Late2()\n  }\n  %)\n}\n", script.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("  Mix()\n}", script.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_script_whose_globals_stap_types_gets_no_typing_probe()
    {
        var script = TestCompiler.Single(TestCompiler.Class(
            "static StapMap<string, long> counts = new();\nstatic long total;\n" +
            "[Probe(\"begin\")] void B() { counts[ExecName()]++; total += 1; foreach (var (name, n) in counts) Println($\"{name} {n} {total}\"); }"));
        Assert.DoesNotContain("probe never", script.Text, StringComparison.Ordinal);
    }

    [StapFact]
    public void Globals_the_script_only_writes_are_not_printed_when_it_ends()
    {
        // stap adds an end probe printing each global written and never read; C# prints nothing.
        var script = TestCompiler.Single(TestCompiler.Class(
            "static long assigned, incremented, added;\nstatic string name = \"\";\nstatic Stats latency = new();\n" +
            "static StapMap<long, long> counts = new();\nstatic StapMap<(string, long), Stats> times = new();\n" +
            "[Probe(\"begin\")] void B() { assigned = 1; incremented++; added += 2; name = ExecName(); latency.Add(3); counts[Pid()]++; times[(ExecName(), 1)].Add(4); }"));

        var (exitCode, stdout, stderr) = StapTool.Run(script.Text, 2);

        Assert.True(exitCode == 0, $"stap -p2 rejected:\n{script.Text}\n{stderr}");
        Assert.DoesNotContain("end /* <- end */", stdout, StringComparison.Ordinal);
    }
}
