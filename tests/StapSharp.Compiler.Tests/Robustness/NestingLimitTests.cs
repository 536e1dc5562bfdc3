using StapSharp.Compiler.Limits;
using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.Robustness;

/// <summary>
/// Nesting that Roslyn accepts but that would overflow a recursive pass (Roslyn's, the translator's
/// or stap's parser) is reported before anything binds it: one level past the limit is STAP0025 at
/// the first node past it, the limit itself translates and stap parses the result. Each construct
/// is written so that its depth is <c>units + overhead</c>, the overhead being the levels of the
/// statement around it (counted in the comments).
/// </summary>
public sealed class NestingLimitTests
{
    private const string Marker = MarkedSource.Marker;

    /// <summary>A construct repeated <c>n</c> times, with the marker where the first node past the limit is.</summary>
    public static TheoryData<string, int> Constructs() => new()
    {
        // blocks n, the statement 1, x++ 1, x 1
        { "blocks", MaxUnits("blocks") },
        { "while", MaxUnits("while") },
        { "try", MaxUnits("try") },
        { "foreach", MaxUnits("foreach") },
        { "parentheses", MaxUnits("parentheses") },
        { "sum", MaxUnits("sum") },
        { "concatenation", MaxUnits("concatenation") },
        { "not", MaxUnits("not") },
        { "complement", MaxUnits("complement") },
        { "conditional", MaxUnits("conditional") },
    };

    [Theory]
    [MemberData(nameof(Constructs))]
    public void One_level_past_the_limit_is_reported_where_it_passes_it(string construct, int atLimit)
    {
        MarkedSource.AssertReported("STAP0025", Source(construct, atLimit + 1));
    }

    [StapTheory]
    [MemberData(nameof(Constructs))]
    public void The_limit_itself_translates_and_stap_parses_it(string construct, int atLimit)
    {
        var script = TestCompiler.Single(MarkedSource.Unmarked(Source(construct, atLimit)));
        var (exitCode, _, stderr) = StapTool.Run(script.Text, pass: 1);
        Assert.True(exitCode == 0, $"stap -p1 rejected {construct} at the limit:\n{stderr}");
    }

    /// <summary>
    /// The reproducers: far past the limit, each is one located diagnostic, no crash. This deep, the
    /// C# parser itself may stop first, with its own CS8078 ("too long or complex"), depending on how
    /// much stack the thread has left; either is an error at a place.
    /// </summary>
    [Theory]
    [InlineData("sum", 9_000)]
    [InlineData("concatenation", 10_000)]
    [InlineData("try", 3_000)]
    [InlineData("blocks", 7_000)]
    [InlineData("blocks", 10_000)]
    [InlineData("while", 10_000)]
    [InlineData("not", 10_000)]
    [InlineData("complement", 10_000)]
    [InlineData("parentheses", 10_000)]
    [InlineData("conditional", 10_000)]
    [InlineData("foreach", 3_000)]
    public async Task Far_past_the_limit_is_one_diagnostic(string construct, int units)
    {
        var errors = await SafetyNet.Run(() => TestCompiler.Errors(MarkedSource.Unmarked(Source(construct, units))));
        var error = Assert.Single(errors);
        Assert.False(error.Span.IsNone);
        if (error.Id != "CS8078")
        {
            Assert.Equal("STAP0025", error.Id);
            Assert.Contains($"more than {NestingLimit.MaxDepth} levels", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_class_that_is_not_a_probe_script_is_checked_too_since_the_CSharp_compiler_binds_it_first()
    {
        var source = TestCompiler.Class("static long x;\n[Probe(\"begin\")] void B() { x = 1; }") +
            "public static class Helper\n{\n    public static long Y() => " + Repeat("(", NestingLimit.MaxDepth) + Marker + Repeat("(", 44) + "1" + Repeat(")", NestingLimit.MaxDepth + 44) + ";\n}\n";
        MarkedSource.AssertReported("STAP0025", source);
    }

    [Fact]
    public void Each_member_reports_its_first_place_only()
    {
        var deep = Repeat("{", 300) + "x++;" + Repeat("}", 300);
        var source = TestCompiler.Class($"static long x;\n[Probe(\"begin\")] void B() {{ {deep} {deep} }}\n[Probe(\"end\")] void E() {{ {deep} }}");
        var errors = TestCompiler.Errors(source);
        Assert.Equal(2, errors.Count(e => e.Id == "STAP0025"));
    }

    [Fact]
    public void An_else_if_chain_is_not_nesting()
    {
        var script = TestCompiler.Single(Probe(ElseIfChain(1_000)));
        Assert.Contains("else if (x == 1000)", script.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_else_if_chain_one_branch_past_its_limit_is_reported_at_that_branch()
    {
        var source = Probe(ElseIfChain(NestingLimit.MaxElseIfChain, markLast: true));
        MarkedSource.AssertReported("STAP0026", source);
    }

    [StapFact]
    public void An_else_if_chain_at_its_limit_translates_and_stap_parses_it()
    {
        var script = TestCompiler.Single(Probe(ElseIfChain(NestingLimit.MaxElseIfChain - 1)));
        var (exitCode, _, stderr) = StapTool.Run(script.Text, pass: 1);
        Assert.True(exitCode == 0, $"stap -p1 rejected the chain:\n{stderr}");
    }

    [Fact]
    public async Task The_reproducer_else_if_chain_of_10000_is_one_diagnostic()
    {
        var error = Assert.Single(await SafetyNet.Run(() => TestCompiler.Errors(Probe(ElseIfChain(10_000)))));
        Assert.Contains(error.Id, new[] { "STAP0026", "CS8078" });
    }

    /// <summary>The most units of a construct within <see cref="NestingLimit.MaxDepth"/>: the depth is units + overhead.</summary>
    private static int MaxUnits(string construct) => NestingLimit.MaxDepth - construct switch
    {
        // Each nested block, while, try or foreach is one level; the innermost x++; is 3 (statement, x++, x).
        "blocks" or "while" or "try" or "foreach" => 3,
        // x = ...; is 2 (statement, assignment), the innermost x 1; each parenthesis or ~ is one level.
        "parentheses" or "complement" => 3,
        // x = x + ... + x: 2 for x = ..., n terms nest n - 1 additions, the leftmost term 1.
        "sum" => 2,
        // Println(s + ... + s): statement, call, then as the sum.
        "concatenation" => 2,
        // x = !...!(x > 0) ? 1 : 0: statement, assignment, ?:, each !, the parentheses, >, x.
        "not" => 6,
        // x = x > 0 ? 1 : ... 0: statement, assignment, each ?:, then > and x in the last condition.
        "conditional" => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(construct), construct, null),
    };

    /// <summary>A probe with <paramref name="n"/> units of the construct; the marker is where the node past the limit starts when n is one past it.</summary>
    private static string Source(string construct, int n) => construct switch
    {
        "blocks" => Probe(Repeat("{", n) + Marker + "x++;" + Repeat("}", n)),
        "while" => Probe(Repeat("while (x > 0)\n", n) + Marker + "x--;"),
        "try" => Probe(Repeat("try {\n", n) + Marker + "x++;\n" + Repeat("} catch (StapException e) { }\n", n)),
        "foreach" => TestCompiler.Class("static long x;\nstatic StapMap<long, long> m = new();\n[Probe(\"begin\")]\nvoid B()\n{\n" +
            string.Concat(Enumerable.Range(0, n).Select(i => $"foreach (var (k{i}, v{i}) in m)\n")) + Marker + "x++;\n}"),
        "parentheses" => Probe("x = " + Repeat("(", n) + Marker + "x" + Repeat(")", n) + ";"),
        "sum" => Probe("x = " + Marker + string.Join(" + ", Enumerable.Repeat("x", n)) + ";"),
        "concatenation" => Probe("string s = \"a\";\nPrintln(" + Marker + string.Join(" + ", Enumerable.Repeat("s", n)) + ");"),
        "not" => Probe("x = " + Repeat("!", n) + "(" + Marker + "x > 0) ? 1 : 0;"),
        "complement" => Probe("x = " + Repeat("~", n) + Marker + "x;"),
        "conditional" => Probe("x = " + Repeat("x > 0 ? 1 : ", n - 1) + Marker + "x > 0 ? 1 : 0;"),
        _ => throw new ArgumentOutOfRangeException(nameof(construct), construct, null),
    };

    /// <summary>if (x == 0) then <paramref name="elseIfs"/> else-ifs; with <paramref name="markLast"/>, one more, marked.</summary>
    private static string ElseIfChain(int elseIfs, bool markLast = false) =>
        "if (x == 0) x = 1;\n" +
        string.Concat(Enumerable.Range(1, elseIfs - 1).Select(i => $"else if (x == {i}) x = {i + 1};\n")) +
        (markLast ? $"else {Marker}if (x == {elseIfs}) x = 0;\nelse if (x == {elseIfs + 1}) x = 0;\n" : $"else if (x == {elseIfs}) x = 0;\n");

    private static string Probe(string body) =>
        TestCompiler.Class("static long x;\n[Probe(\"begin\")]\nvoid B()\n{\n" + body + "\n}");

    private static string Repeat(string text, int count) => string.Concat(Enumerable.Repeat(text, count));
}
