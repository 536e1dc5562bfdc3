using StapSharp.Compiler.ProbePoints;
using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.Constructs;

/// <summary>
/// procfs files: <c>[Target] ref string value</c> sets a <c>.read</c> probe's <c>$value</c> (<c>=</c>, and <c>+=</c> as
/// stap's <c>.=</c>) without guru mode; a <c>.write</c> probe reads it. Misuse is reported where it is written, and
/// following the advice translates.
/// </summary>
public sealed class ProcfsTests : MisuseTheory
{
    private const string ReadProbe = "[Probe(\"procfs(\\\"stats\\\").read\")]";
    private const string WriteProbe = "[Probe(\"procfs(\\\"stats\\\").write\")]";

    [Theory]
    [InlineData("procfs(\"a\").read", ProcfsAccess.Read)]
    [InlineData("procfs.read", ProcfsAccess.Read)]
    [InlineData("procfs(\"a\").read.maxsize(1024)", ProcfsAccess.Read)]
    [InlineData("procfs(\"a\").umask(0444).read", ProcfsAccess.Read)]
    [InlineData("procfs(\"a\").write", ProcfsAccess.Write)]
    [InlineData("procfs(\"a\").umask(0222).write ?", ProcfsAccess.Write)]
    [InlineData("procfs(\"a\").read, procfs(\"b\").write", ProcfsAccess.Mixed)]
    [InlineData("procfs(\"a\").read, begin", ProcfsAccess.None)]
    [InlineData("procfs(\"a\").{read,write}", ProcfsAccess.None)]
    [InlineData("kernel.function(\"read\")", ProcfsAccess.None)]
    [InlineData("begin", ProcfsAccess.None)]
    public void Probe_points_say_what_they_do_with_value(string text, ProcfsAccess expected) =>
        Assert.Equal(expected, ProbePointFacts.ProcfsAccessOf(ProbePointParser.Parse(text).Points!.Points));

    [Fact]
    public void A_read_probe_sets_and_appends_to_value_without_guru_mode()
    {
        var script = TestCompiler.Single(TestCompiler.Class(ReadProbe + """
             void R([Target] ref string value)
            {
                value = "a";
                value += $"{Pid()}\n";
            }
            [Probe("procfs(\"stats\").write")] void W([Target] string value) => Println(value);
            """));

        Assert.False(script.RequiresGuru);
        Assert.Contains("  $value = \"a\"\n  $value .= sprintf(\"%d\\n\", pid())\n", script.Text, StringComparison.Ordinal);
        Assert.Contains("  println($value)\n", script.Text, StringComparison.Ordinal);
    }

    [StapFact]
    public void Stap_accepts_procfs_probes_without_guru_mode()
    {
        var script = TestCompiler.Single(TestCompiler.Class("static long Limit;\n" + ReadProbe + """
             void R([Target] ref string value)
            {
                value = $"{Limit}\n";
                value += "done\n";
            }
            [Probe("procfs(\"stats\").umask(0644).write")] void W([Target] string value) => Limit = StrToL(value, 10);
            [Probe("procfs.read.maxsize(64)")] void D([Target("value")] ref string text) => text = "x";
            """));

        StapTool.AssertAccepts(script);
    }

    protected override MisuseCases Misuses => new(TestCompiler.Class)
    {
        // Set in a .write probe, where $value is read-only: set it in a .read probe.
        { "STAP0275", WriteProbe + " void W([Target] ref string value) { /*@*/value = \"x\"; }",
            ReadProbe + " void W([Target] ref string value) { value = \"x\"; }", "set it in a procfs(\"name\").read probe" },
        // Read in a .read probe, where stap only sets it: build the text in a local.
        { "STAP0275", ReadProbe + " void R([Target] ref string value) { value = \"a\"; Println(/*@*/value); }",
            ReadProbe + " void R([Target] ref string value) { string text = \"a\"; value = text; Println(text); }", "build the text in a local" },
        { "STAP0275", ReadProbe + " void R([Target] ref string value) { value = /*@*/value + \"a\"; }",
            ReadProbe + " void R([Target] ref string value) { value += \"a\"; }", "build the text in a local" },
        // Both directions in one probe: split it.
        { "STAP0275", ReadProbe + "\n" + WriteProbe + " void RW([Target] ref string value) { /*@*/value = \"x\"; }",
            ReadProbe + " void R([Target] ref string value) { value = \"x\"; }\n" + WriteProbe + " void W([Target] string value) { Println(value); }",
            "write a .read probe that sets it and a .write probe that reads it" },
        // $value is the file's text, a string.
        { "STAP0275", ReadProbe + " void R([Target] ref long value) { /*@*/value = 1; }",
            ReadProbe + " void R([Target] ref string value) { value = \"1\"; }", "declare it [Target] ref string value" },
        // Assigning a plain [Target] parameter would change only C#'s copy: make it ref.
        { "STAP0278", ReadProbe + " void R([Target] string value) { /*@*/value = \"x\"; }",
            ReadProbe + " void R([Target] ref string value) { value = \"x\"; }", "[Target] ref string value" },
        // $value outside a procfs probe is any target variable: guru mode, or a procfs .read probe.
        { "STAP0276", "[Probe(\"begin\")] void B([Target] ref string value) { /*@*/value = \"x\"; }",
            ReadProbe + " void B([Target] ref string value) { value = \"x\"; }",
            "only a procfs(\"name\").read probe sets its file's $value" },
    };

    [Fact]
    public void The_guides_exporter_translates_as_it_shows()
    {
        var script = TestCompiler.Single(TestCompiler.Class("""
            static StapMap<string, long> Opens = new(maxEntries: 100);

            [Probe("syscall.openat")]
            void Open() => Opens[ExecName()]++;

            [Probe("procfs(\"opens\").read.maxsize(65536)")]
            void Serve([Target] ref string value)
            {
                value = "";
                foreach (var (name, count) in Opens)
                {
                    value += $"opens{{name=\"{name}\"}} {count}\n";
                }
            }
            """));

        Assert.Contains("""
            probe procfs("opens").read.maxsize(65536)
            {
              $value = ""
              foreach (count = name in Opens)
              {
                $value .= sprintf("opens{name=\"%s\"} %d\n", name, count)
              }
            }
            """.Replace("\r\n", "\n", StringComparison.Ordinal), script.Text, StringComparison.Ordinal);
    }
}
