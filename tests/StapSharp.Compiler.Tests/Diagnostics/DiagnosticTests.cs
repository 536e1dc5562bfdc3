using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.Diagnostics;

/// <summary>
/// Every unsupported construct and malformed probe point is reported with its stable id at the
/// exact C# place. In the cases, <c>/*@*/</c> marks where the diagnostic must point; it is removed
/// before compiling.
/// </summary>
public sealed class DiagnosticTests
{

    public static TheoryData<string, string> Cases() => new()
    {
        // Types stap does not have, or whose arithmetic differs.
        { "STAP0003", "static int /*@*/counter;\n[Probe(\"begin\")] void B() { }" },
        { "STAP0003", "[Probe(\"begin\")] void B() { double /*@*/d = 1.5; }" },
        { "STAP0003", "static long /*@*/Half(long x, double y) => x;\n[Probe(\"begin\")] void B() { }".Replace("/*@*/Half(long x, double y)", "Half(long x, double /*@*/y)") },
        // No implicit long <-> string conversion.
        { "STAP0004", "[Probe(\"begin\")] void B() { long n = 1; Println(/*@*/\"n=\" + n); }" },
        // Statements stap has no form for.
        { "STAP0001", "[Probe(\"begin\")] void B() { long i = 0; /*@*/do { i++; } while (i < 3); }" },
        { "STAP0001", "[Probe(\"begin\")] void B() { long i = 0; /*@*/switch (i) { default: break; } }" },
        { "STAP0001", "[Probe(\"begin\")] void B() { /*@*/throw new System.Exception(); }" },
        { "STAP0001", "[Probe(\"begin\")] void B() { for (long i = 0, j = 0; i < 3; i++) { } }".Replace("for (", "/*@*/for (") },
        // Expressions stap has no form for.
        { "STAP0001", "[Probe(\"begin\")] void B() { string o = /*@*/new string('a', 3); }" },
        { "STAP0001", "[Probe(\"begin\")] void B() { string s = \"\"; var t = /*@*/s ?? \"x\"; }" },
        { "STAP0001", "[Probe(\"begin\")] void B() { long n = 1; var b = /*@*/n is 1; }" },
        { "STAP0001", "static long P { get; set; }\n[Probe(\"begin\")] void B() { }".Replace("long P", "long /*@*/P") },
        // Strings append only strings.
        { "STAP0004", "[Probe(\"begin\")] void B() { string s = \"a\"; s += /*@*/1L; }" },
        // printf formats are checked at build time.
        { "STAP0005", "[Probe(\"begin\")] void B() { Printf(\"%d\\n\", /*@*/\"text\"); }" },
        { "STAP0005", "[Probe(\"begin\")] void B() { /*@*/Printf(\"%d %d\\n\", 1L); }" },
        { "STAP0005", "[Probe(\"begin\")] void B() { Printf(/*@*/\"%-+5d\\n\", 1L); }" },
        { "STAP0005", "[Probe(\"begin\")] void B() { string f = \"%d\"; Printf(/*@*/f, 1L); }" },
        { "STAP0005", "[Probe(\"begin\")] void B() { long n = 1; Println($\"{n/*@*/:N2}\"); }" },
        // Calls that have no stap equivalent.
        { "STAP0006", "[Probe(\"begin\")] void B() { var s = /*@*/System.Math.Abs(-1L); }" },
        // Probe methods.
        { "STAP0007", "[Probe(\"begin\")] long /*@*/B() => 1;" },
        { "STAP0008", "[Probe(\"begin\")] void B(double /*@*/d) { }" },
        { "STAP0008", "[Probe(\"begin\")] void B([Target(\"a; b\")] long /*@*/x) { }" },
        // Globals.
        { "STAP0009", "long /*@*/instance;\n[Probe(\"begin\")] void B() { }" },
        { "STAP0009", "static long seed = /*@*/System.Environment.TickCount;\n[Probe(\"begin\")] void B() { }" },
        // Functions.
        { "STAP0011", "[Probe(\"begin\")] void B() { /*@*/C(); }\n[Probe(\"end\")] void C() { }" },
        { "STAP0011", "static long F(long a) => a;\nstatic long /*@*/F(string a) => 1;\n[Probe(\"begin\")] void B() { }" },
        // Meaning differs.
        { "STAP0010", "[Probe(\"begin\")] void B() { bool b = true; Println($\"{/*@*/b}\"); }" },
        // Probe conditions read globals only.
        { "STAP0012", "[Probe(/*@*/\"timer.s(1) if (nothere)\")] void B() { }" },
        // A relative program path, which stap would resolve in its own working folder.
        { "STAP0050", "[Probe(/*@*/\"process(\\\"./prog\\\").function(\\\"main\\\")\")] void B() { }" },
        { "STAP0050", "[Probe(/*@*/\"process(\\\"/bin/ls\\\").begin, {kernel.function(\\\"f\\\"), process(\\\"bin/ls\\\").end}\")] void B() { }" },
        // Malformed probe points, at the exact character inside the string.
        { "STAP0002", "[Probe(\"kernel.function(/*@*/foo)\")] void B() { }" },
        { "STAP0002", "[Probe(\"kernel./*@*/.function\")] void B() { }" },
        { "STAP0002", "[Probe(\"timer.s(/*@*/)\")] void B() { }" },
        { "STAP0002", "[Probe(\"kernel.function(\\\"x\\\")/*@*/;\")] void B() { }" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reports_id_at_exact_place(string id, string members)
    {
        var marked = TestCompiler.Class(members);
        var (line, column) = MarkedSource.Position(marked);
        var errors = TestCompiler.Errors(MarkedSource.Unmarked(marked));
        Assert.Contains(errors, e => e.Id == id && e.Span.Line == line && e.Span.Column == column);
        var found = errors.First(e => e.Id == id);
        Assert.StartsWith("Script.cs(", found.ToString(), StringComparison.Ordinal);
        Assert.Contains($"error {id}: ", found.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("process(\\\"/usr/bin/python3.11\\\").mark(\\\"function__entry\\\")")]
    [InlineData("process(\\\"python3\\\").function(\\\"main\\\")")]
    [InlineData("process.function(\\\"main\\\")")]
    [InlineData("process(\\\"/bin/ls\\\").library(\\\"libc.so.6\\\").function(\\\"malloc\\\")")]
    public void Absolute_paths_and_bare_names_of_probed_programs_are_accepted(string point)
    {
        var script = TestCompiler.Single(TestCompiler.Class($"[Probe(\"{point}\")] void B() {{ }}"));

        Assert.Contains("probe " + point.Replace("\\\"", "\"", StringComparison.Ordinal), script.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Three_different_mistakes_are_all_reported_with_ids_and_places()
    {
        var source = TestCompiler.Class("""
            static int counter;
            [Probe("syscall.mkdir")]
            void Enter(string argstr)
            {
                long n = 1;
                Println("n=" + n);
                do { n++; } while (n < 3);
            }
            """);
        var errors = TestCompiler.Errors(source);
        var lines = errors.Select(e => e.ToString()).ToList();
        Assert.Contains("Script.cs(5,12): error STAP0003: Type 'int' has no SystemTap equivalent: stap computes every integer in 64 bits, so its overflow differs from C#'s; use long", lines);
        Assert.Contains(lines, l => l.StartsWith("Script.cs(10,13): error STAP0004:", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Script.cs(11,5): error STAP0001: A do-while loop cannot be used", StringComparison.Ordinal));
        Assert.Equal(3, errors.Count);
    }

    [Fact]
    public void Probe_point_cannot_inject_script_text()
    {
        var source = TestCompiler.Class("""
            [Probe("begin { system(\"id\") } probe end")]
            void B() { }
            """);
        var error = Assert.Single(TestCompiler.Errors(source));
        Assert.Equal("STAP0002", error.Id);
        // Column of the '{' inside the attribute string: the script text never reaches a .stp.
        Assert.Equal((5, 15), (error.Span.Line, error.Span.Column));
    }

    [Fact]
    public void CSharp_errors_are_reported_with_their_own_ids()
    {
        var errors = TestCompiler.Errors(TestCompiler.Class("[Probe(\"begin\")] void B() { Nope(); }"));
        Assert.Contains(errors, e => e.Id == "CS0103" && e.Span.Line == 5);
    }

    [Fact]
    public void A_class_without_probes_is_a_warning_not_an_error()
    {
        var output = TestCompiler.Compile(TestCompiler.Class("static long x;"));
        Assert.False(output.HasErrors);
        Assert.Contains(output.Diagnostics, d => d.Id == "STAP0014");
    }

    [Fact]
    public void Every_catalogued_id_is_unique_and_well_formed()
    {
        var ids = Compiler.Diagnostics.DiagnosticCatalog.All.Select(d => d.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^STAP[0-9]{4}$", id));
    }
}
