using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.Constructs;

/// <summary>
/// The tapsets' globals, read through the generated read-only properties of <c>Stap</c>: <c>Argv1</c> is the argv
/// tapset's <c>argv_1</c>, <c>Argc</c> its <c>argc</c>, <c>Argv[2]</c> its <c>argv[2]</c>, <c>FAULTFLAGWRITE</c> the
/// memory tapset's <c>FAULT_FLAG_WRITE</c>. A write of one is STAP0298.
/// </summary>
public sealed class TapsetGlobalTests : MisuseTheory
{
    [Fact]
    public void A_read_is_the_tapset_global_by_its_own_name()
    {
        var script = TestCompiler.Single(TestCompiler.Class(
            "[Probe(\"begin\")] void B() { if (Argv1 != \"\") { Println(Argv1 + Argv[2]); } Printf(\"%d %d\\n\", Argc, Stap.FAULTFLAGWRITE); }"));

        Assert.Contains("if (argv_1 != \"\")", script.Text, StringComparison.Ordinal);
        Assert.Contains("println(argv_1 . argv[2])", script.Text, StringComparison.Ordinal);
        Assert.Contains("printf(\"%d %d\\n\", argc, FAULT_FLAG_WRITE)", script.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("global", script.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_named_like_a_tapset_global_stays_its_own_beside_the_tapset_s()
    {
        // The field is respelled (argv_1_), so the property still reads the tapset's argv_1.
        var script = TestCompiler.Single(TestCompiler.Class(
            "static string argv_1 = \"mine\";\n[Probe(\"begin\")] void B() => Println(argv_1 + Argv1);"));

        Assert.Contains("global argv_1_ = \"mine\"", script.Text, StringComparison.Ordinal);
        Assert.Contains("println(argv_1_ . argv_1)", script.Text, StringComparison.Ordinal);
    }

    /// <summary>stap resolves the reads to the tapset's globals, with the argument and without it.</summary>
    [StapFact]
    public void Stap_resolves_the_reads_to_the_tapset_s_globals()
    {
        var script = TestCompiler.Single(TestCompiler.Class(
            "[Probe(\"begin\")] void B() { Println(Argv1 + Argv[2]); Println(Argc + FAULTFLAGWRITE + NULL); }"));

        foreach (var arguments in new[] { Array.Empty<string>(), ["one", "two"] })
        {
            var (exitCode, stdout, stderr) = StapTool.Run(script.Text, 2, withoutDebuginfo: true, scriptArguments: arguments);
            Assert.True(exitCode == 0, stderr);
            Assert.Contains("argv_1:string", stdout, StringComparison.Ordinal);
            Assert.Contains("argv[32]:string [long]", stdout, StringComparison.Ordinal);
            Assert.Contains("argc:long", stdout, StringComparison.Ordinal);
            Assert.Contains("FAULT_FLAG_WRITE:long", stdout, StringComparison.Ordinal);
        }
    }

    /// <summary>Each misuse, reported at the marked place, and the source with its advice applied, which translates.</summary>
    protected override MisuseCases Misuses => new()
    {
        // A write of an element: keep a map of your own.
        {
            "STAP0298",
            TestCompiler.Class("[Probe(\"begin\")] void B() { /*@*/Argv[1] = \"x\"; }"),
            TestCompiler.Class("static readonly StapMap<long, string> my_argv = new();\n[Probe(\"begin\")] void B() { my_argv[1] = \"x\"; Println(my_argv[1]); }"), "keep the value in a global of your own"
        },
        {
            "STAP0298",
            TestCompiler.Class("[Probe(\"begin\")] void B() { /*@*/CveMetrics[\"a\"]++; }"),
            TestCompiler.Class("static readonly StapMap<string, long> my_cve_metrics = new();\n[Probe(\"begin\")] void B() { my_cve_metrics[\"a\"]++; }")
        },
        {
            "STAP0298",
            TestCompiler.Class("[Probe(\"begin\")] void B() { /*@*/CveMetrics.Clear(); }"),
            TestCompiler.Class("static readonly StapMap<string, long> my_cve_metrics = new();\n[Probe(\"begin\")] void B() { my_cve_metrics.Clear(); }")
        },
        {
            "STAP0298",
            TestCompiler.Class("[Probe(\"begin\")] void B() { /*@*/Argv.Remove(1); }"),
            TestCompiler.Class("static readonly StapMap<long, string> my_argv = new();\n[Probe(\"begin\")] void B() { my_argv.Remove(1); }")
        },
        // A scalar is a read-only property: C# refuses the write itself.
        {
            "CS0200",
            TestCompiler.Class("[Probe(\"begin\")] void B() { /*@*/Argv1 = \"x\"; }"),
            TestCompiler.Class("static string my_argv_1;\n[Probe(\"begin\")] void B() { my_argv_1 = \"x\"; Println(my_argv_1); }")
        },
        // An array is read by element.
        {
            "STAP0001",
            TestCompiler.Class("[Probe(\"begin\")] void B() { Println(/*@*/Argv.ContainsKey(1) ? \"y\" : \"n\"); }"),
            TestCompiler.Class("[Probe(\"begin\")] void B() { Println(Argv[1] != \"\" ? \"y\" : \"n\"); }")
        },
    };
}
