using StapSharp.Compiler.ProbePoints;
using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.Constructs;

/// <summary>
/// SystemTap's Prometheus exporter: <c>PrometheusDumpArray1(ref value, map, "name", "key")</c> and its siblings print
/// the tapset's <c>@prometheus_dump_array1(map, "name", "key")</c>, which stap expands to a <c>foreach</c> appending to a
/// procfs <c>.read</c> probe's <c>$value</c> (the tapset's <c>prometheus</c> alias is one). Misuse is reported where it
/// is written, and following the advice translates to a script stap accepts.
/// </summary>
public sealed class PrometheusTests : MisuseTheory
{
    private const string Prom = "[Probe(\"prometheus\")] void P([Target] ref string value)";

    private const string Maps = """
        static readonly StapMap<string, long> m = new();
        static readonly StapMap<(string, long), long> m2 = new();
        static readonly StapMap<long, long> byPid = new();
        static readonly StapMap<string, Stats> s = new();
        static readonly StapMap<(long, long, long, long), long> m4 = new();
        [Probe("syscall_any")] void Fill(string name) { m[name]++; m2[(name, Pid())]++; byPid[Pid()]++; s[name].Add(1); m4[(Pid(), Tid(), Uid(), 1)]++; }

        """;

    [Theory]
    [InlineData("prometheus", ProcfsAccess.Read)]
    [InlineData("prometheus, procfs(\"a\").read", ProcfsAccess.Read)]
    [InlineData("prometheus, procfs(\"a\").write", ProcfsAccess.Mixed)]
    [InlineData("prometheus.x", ProcfsAccess.None)]
    [InlineData("prometheus, begin", ProcfsAccess.None)]
    public void The_tapsets_prometheus_alias_is_a_procfs_read_point(string text, ProcfsAccess expected) =>
        Assert.Equal(expected, ProbePointFacts.ProcfsAccessOf(ProbePointParser.Parse(text).Points!.Points));

    [Fact]
    public void Each_dump_prints_the_tapsets_macro()
    {
        var script = TestCompiler.Single(TestCompiler.Class(Maps + """
            static string ns2sec(long v) => Sprintf("%d.%d", v / 1000000000, v % 1000000000);
            [Probe("prometheus")]
            void P([Target] ref string value)
            {
                PrometheusDumpArray1(ref value, m, "syscall_count", "name");
                PrometheusDumpArray2(value: ref value, map: m2, name: "per_pid", key1: "name", key2: "pid");
            }
            [Probe("procfs(\"t\").read")] void Served([Target("value")] ref string text) => PrometheusDumpArray1Map(ref text, byPid, "t", "pid", ns2sec, SyscallName);
            """));

        Assert.Contains("""
            probe prometheus
            {
              @prometheus_dump_array1(m, "syscall_count", "name")
              @prometheus_dump_array2(m2, "per_pid", "name", "pid")
            }
            """.Replace("\r\n", "\n", StringComparison.Ordinal), script.Text, StringComparison.Ordinal);
        Assert.Contains("  @prometheus_dump_array1_map(byPid, \"t\", \"pid\", ns2sec, syscall_name)\n", script.Text, StringComparison.Ordinal);
        Assert.Contains("function ns2sec:string", script.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_local_declared_after_a_dump_does_not_take_its_loop_variables()
    {
        var script = TestCompiler.Single(TestCompiler.Class(Maps + Prom + " { PrometheusDumpArray1(ref value, m, \"n\", \"k\"); long _v1 = 2; value += Sprint(_v1); }"));

        Assert.DoesNotContain("  _v1 = 2\n", script.Text, StringComparison.Ordinal);
        Assert.Matches(@"  (_v1_\w*) = 2\n  \$value \.= sprint\(\1\)\n", script.Text);
    }

    [StapFact]
    public void Stap_expands_the_dumps_into_value_and_accepts_them()
    {
        var script = TestCompiler.Single(TestCompiler.Class(Maps + Prom + """
             { PrometheusDumpArray1(ref value, m, "syscall_count", "name"); PrometheusDumpArray2(ref value, m2, "per_pid", "name", "pid"); long _v = 1; value += Sprint(_v); }
            """));

        StapTool.AssertAccepts(script);
        var stdout = StapTool.OutputOf(script.Text, 1);
        Assert.Contains("foreach (_v = [_v1] in m)", stdout, StringComparison.Ordinal);
        Assert.Contains("foreach (_v = [_v1, _v2] in m2)", stdout, StringComparison.Ordinal);
        Assert.Contains("($value) .= ((((((((\"syscall_count\") . (\"{\")) . (\"name\")) . (\"=\")) . (string_quoted(sprint(_v1))))", stdout, StringComparison.Ordinal);
    }

    [StapFact]
    public void A_map_that_is_only_dumped_is_typed_for_stap()
    {
        var script = TestCompiler.Single(TestCompiler.Class("""
            static readonly StapMap<(long, string), string> dumped = new();
            [Probe("prometheus")] void P([Target] ref string value) => PrometheusDumpArray2(ref value, dumped, "n", "pid", "comm");
            """));

        Assert.Contains("probe never", script.Text, StringComparison.Ordinal);
        StapTool.AssertAccepts(script);
    }

    [StapFact]
    public void Stap_rejects_the_misuses_the_translator_reports()
    {
        // Outside a procfs .read probe $value does not resolve; two dumps whose loop variables differ in type do not type.
        StapTool.AssertRejects("global m\nprobe begin { m[\"a\"] = 1; @prometheus_dump_array1(m, \"n\", \"k\") }\n",
            "unresolved target-symbol expression: identifier '$value'");
        StapTool.AssertRejects("global a, b\nprobe begin { a[\"x\"] = 1; b[1] = 2 }\nprobe prometheus { @prometheus_dump_array1(a, \"n\", \"k\") @prometheus_dump_array1(b, \"m\", \"k\") }\n",
            "type mismatch");
        StapTool.AssertRejects("global s\nprobe begin { s[\"x\"] <<< 1 }\nprobe prometheus { @prometheus_dump_array1(s, \"n\", \"k\") }\n");
    }

    protected override MisuseCases Misuses => new(TestCompiler.Class)
    {
        // Outside a procfs .read probe: stap's macro appends to $value, which only such a probe has.
        { "STAP0283", Maps + "[Probe(\"begin\")] void P([Target] ref string value) { /*@*/PrometheusDumpArray1(ref value, m, \"n\", \"k\"); }",
            Maps + Prom + " { PrometheusDumpArray1(ref value, m, \"n\", \"k\"); }", "[Probe(\"prometheus\")]", "passing ref value" },
        { "STAP0283", Maps + "[Probe(\"timer.s(1)\")] void P([Target] ref string value) { /*@*/PrometheusDumpArray1(ref value, m, \"n\", \"k\"); }",
            Maps + Prom + " { PrometheusDumpArray1(ref value, m, \"n\", \"k\"); }", "passing ref value" },
        { "STAP0283", Maps + "static void F() { string v = \"\"; /*@*/PrometheusDumpArray1(ref v, m, \"n\", \"k\"); }\n[Probe(\"begin\")] void B() => F();",
            Maps + Prom + " { PrometheusDumpArray1(ref value, m, \"n\", \"k\"); }", "passing ref value" },
        { "STAP0283", Maps + "[Probe(\"procfs(\\\"f\\\").write\")] void W([Target] ref string value) { /*@*/PrometheusDumpArray1(ref value, m, \"n\", \"k\"); }",
            Maps + "[Probe(\"procfs(\\\"f\\\").read\")] void W([Target] ref string value) { PrometheusDumpArray1(ref value, m, \"n\", \"k\"); }",
            "passing ref value" },
        // Given something else than the probe's $value.
        { "STAP0283", Maps + Prom + " { string text = \"\"; PrometheusDumpArray1(ref /*@*/text, m, \"n\", \"k\"); value = text; }",
            Maps + Prom + " { PrometheusDumpArray1(ref value, m, \"n\", \"k\"); }", "passing ref value" },
        // A map of two keys has two labels.
        { "STAP0284", Maps + Prom + " { PrometheusDumpArray1(ref value, /*@*/m2, \"n\", \"k\"); }",
            Maps + Prom + " { PrometheusDumpArray2(ref value, m2, \"n\", \"k1\", \"k2\"); }", "call PrometheusDumpArray2" },
        // Statistics are not printable values: dump a map of their counts.
        { "STAP0284", Maps + Prom + " { PrometheusDumpArray1(ref value, /*@*/s, \"n\", \"k\"); }",
            Maps + "static readonly StapMap<string, long> counts = new();\n" + Prom +
                " { foreach (var (k, _) in s) { counts[k] = s[k].Count(); } PrometheusDumpArray1(ref value, counts, \"n\", \"k\"); counts.Clear(); }",
            "counts[k] = s[k].Count();" },
        // The macro calls the functions by name.
        { "STAP0284", Maps + Prom + " { PrometheusDumpArray1Map(ref value, byPid, \"n\", \"pid\", /*@*/v => Sprint(v * 2), SyscallName); }",
            Maps + "static string twice(long v) => Sprint(v * 2);\n" + Prom + " { PrometheusDumpArray1Map(ref value, byPid, \"n\", \"pid\", twice, SyscallName); }",
            "a static method of the script" },
        // The macro's loop variables are the probe's locals.
        { "STAP0284", Maps + Prom + " { long _v1 = 1; value = Sprint(_v1); /*@*/PrometheusDumpArray1(ref value, m, \"n\", \"k\"); }",
            Maps + Prom + " { long first = 1; value = Sprint(first); PrometheusDumpArray1(ref value, m, \"n\", \"k\"); }", "rename the local" },
        { "STAP0284", Maps + Prom + " { PrometheusDumpArray1(ref value, m, \"n\", \"k\"); /*@*/PrometheusDumpArray1(ref value, byPid, \"p\", \"pid\"); }",
            Maps + Prom + " { PrometheusDumpArray1(ref value, m, \"n\", \"k\"); foreach (var (k1, v) in byPid) value += $\"name{{k1=\\\"{k1}\\\"}} {v}\\n\"; }",
            "foreach (var (k1, v) in byPid) value += $\"name{{k1=\\\"{k1}\\\"}} {v}\\n\";" },
        // No dump takes four keys: write it out.
        { "STAP0284", Maps + Prom + " { PrometheusDumpArray1(ref value, /*@*/m4, \"n\", \"k\"); }",
            Maps + Prom + " { foreach (var ((k1, k2, k3, k4), v) in m4) value += $\"name{{k1=\\\"{k1}\\\",k2=\\\"{k2}\\\",k3=\\\"{k3}\\\",k4=\\\"{k4}\\\"}} {v}\\n\"; }",
            "foreach (var ((k1, k2, k3, k4), v) in m4) value += $\"name{{k1=\\\"{k1}\\\",k2=\\\"{k2}\\\",k3=\\\"{k3}\\\",k4=\\\"{k4}\\\"}} {v}\\n\";" },
        // Metric and label names are constant Prometheus names: the macro pastes them unquoted into the text.
        { "STAP0281", Maps + Prom + " { string n = ExecName(); PrometheusDumpArray1(ref value, m, /*@*/n, \"k\"); }",
            Maps + Prom + " { PrometheusDumpArray1(ref value, m, \"n\", \"k\"); }", "as a constant string" },
        { "STAP0281", Maps + Prom + " { PrometheusDumpArray1(ref value, m, /*@*/\"syscall count\", \"k\"); }",
            Maps + Prom + " { PrometheusDumpArray1(ref value, m, \"syscall_count\", \"k\"); }",
            "of letters, digits, _ and : not starting with a digit" },
        { "STAP0281", Maps + Prom + " { PrometheusDumpArray2(ref value, m2, \"n\", \"name\", /*@*/\"pid\\\"}\"); }",
            Maps + Prom + " { PrometheusDumpArray2(ref value, m2, \"n\", \"name\", \"pid\"); }", "of letters, digits and _ not starting with a digit" },
    };
}
