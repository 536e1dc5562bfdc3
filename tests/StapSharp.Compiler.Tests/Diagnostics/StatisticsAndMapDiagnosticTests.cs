using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.Diagnostics;

/// <summary>
/// Statistics, histograms and map queries: every misuse is reported with its id at the exact C#
/// place (<c>/*@*/</c> marks it), and stap's different meaning of an empty aggregate is a warning.
/// </summary>
public sealed class StatisticsAndMapDiagnosticTests
{

    /// <summary>Users' projects import System.Linq implicitly; LINQ on a map must then get stap advice, not run.</summary>
    private const string Linq = "using System.Linq;\n";

    private const string Fields = """
        static readonly Stats s = new();
        static readonly Stats t = new();
        static readonly StapMap<(string, long), long> m = new();
        static readonly StapMap<string, Stats> a = new();

        """;

    public static TheoryData<string, string> Cases() => new()
    {
        // Map queries stap has no foreach form for.
        { "STAP0200", "[Probe(\"begin\")] void B() { foreach (var ((k1, k2), v) in m./*@*/Where(e => e.Value > 1)) { } }" },
        { "STAP0200", "[Probe(\"begin\")] void B() { foreach (var ((k1, k2), v) in m.OrderBy(e => e.Value)./*@*/Skip(2)) { } }" },
        { "STAP0200", "[Probe(\"begin\")] void B() { foreach (var ((k1, k2), v) in m.OrderBy(e => e.Value)./*@*/OrderBy(e => e.Key.Item1)) { } }" },
        { "STAP0200", "[Probe(\"begin\")] void B() { foreach (var ((k1, k2), v) in m.Take(3)./*@*/OrderBy(e => e.Value)) { } }" },
        { "STAP0200", "[Probe(\"begin\")] void B() { foreach (var ((k1, k2), v) in m.Take(3)./*@*/Take(2)) { } }" },
        { "STAP0200", "[Probe(\"begin\")] void B() { foreach (var ((k1, k2), v) in m.OrderByDescending(e => /*@*/e.Value * 2)) { } }" },
        { "STAP0200", "[Probe(\"begin\")] void B() { foreach (var ((k1, k2), v) in m.OrderBy(e => /*@*/e.Key)) { } }" },
        { "STAP0200", "[Probe(\"begin\")] void B() { foreach (var (k, v) in a.OrderBy(e => /*@*/e.Value.Count() * 2)) { } }" },
        { "STAP0200", "[Probe(\"begin\")] void B() { long n = m./*@*/Count(); }" },
        // Queries are foreach collections only.
        { "STAP0201", "[Probe(\"begin\")] void B() { m./*@*/Take(3); }" },
        { "STAP0201", "[Probe(\"begin\")] void B() { m./*@*/OrderBy(e => e.Value).Take(3); }".Replace("m./*@*/OrderBy(e => e.Value).Take(3)", "m.OrderBy(e => e.Value)./*@*/Take(3)") },
        // A statistic is not a value.
        { "STAP0203", "[Probe(\"begin\")] void B() { /*@*/a[\"x\"] = a[\"y\"]; }" },
        { "STAP0203", "[Probe(\"begin\")] void B() { var /*@*/copy = a[\"x\"]; }" },
        // Maps, statistics and query results live only in globals.
        { "STAP0204", "static long F(StapMap<string, Stats> /*@*/p) => 1;\n[Probe(\"begin\")] void B() { }" },
        { "STAP0204", "[Probe(\"begin\")] void B() { var /*@*/alias = m; }" },
        { "STAP0204", "[Probe(\"begin\")] void B() { var /*@*/top = m.Take(3); }" },
        // A histogram is not a value.
        { "STAP0205", "[Probe(\"begin\")] void B() { var /*@*/h = s.HistLog(); }" },
        { "STAP0205", "[Probe(\"begin\")] void B() { if (s.Count() > 0) /*@*/s.HistLog(); }" },
        // Histogram bounds and variance shifts are constants in range.
        { "STAP0206", "[Probe(\"begin\")] void B() { long n = 100; if (s.Count() > 0) Print(s.HistLinear(0, /*@*/n, 10)); }" },
        { "STAP0206", "[Probe(\"begin\")] void B() { if (s.Count() > 0) Print(s.HistLinear(0, 100, /*@*/0)); }" },
        { "STAP0206", "[Probe(\"begin\")] void B() { if (s.Count() > 0) Println(s.Variance(/*@*/63)); }" },
        { "STAP0206", "[Probe(\"begin\")] void B() { if (s.Count() > 0) Print(s.HistLinear/*@*/(100, 0, 10)); }" },
        // One histogram kind and one variance shift per statistic.
        { "STAP0207", "[Probe(\"begin\")] void B() { if (s.Count() > 0) { Print(s.HistLog()); Print(/*@*/s.HistLinear(0, 100, 10)); } }" },
        { "STAP0207", "[Probe(\"begin\")] void B() { if (s.Count() > 0) Println(s.Variance(2));\n}\n[Probe(\"end\")] void E() { if (s.Count() > 0) Println(/*@*/s.Variance(3)); }" },
        { "STAP0207", "[Probe(\"begin\")] void B() { if (s.Count() > 0) { Print(s.HistLinear(0, 100, 10)); Print(/*@*/s.HistLinear(0, 200, 10)); } }" },
        // Wildcards only inside key patterns.
        { "STAP0208", "[Probe(\"begin\")] void B() { long x = /*@*/Any.Long; }" },
        { "STAP0208", "[Probe(\"begin\")] void B() { m[(\"x\", /*@*/Any.Long)] = 1; }" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reports_id_at_exact_place(string id, string members)
    {
        var marked = Linq + TestCompiler.Class(Fields + members);
        var (line, column) = MarkedSource.Position(marked);
        var errors = TestCompiler.Errors(MarkedSource.Unmarked(marked));
        Assert.True(errors.Any(e => e.Id == id && e.Span.Line == line && e.Span.Column == column),
            $"expected {id} at ({line},{column}); got:\n{string.Join("\n", errors)}");
    }

    [Fact]
    public void Messages_say_what_to_write_instead()
    {
        var errors = TestCompiler.Errors(Linq + TestCompiler.Class(Fields + """
            [Probe("begin")]
            void B()
            {
                foreach (var ((k1, k2), v) in m.Where(e => e.Key.Item1 == "x")) { }
                foreach (var ((k1, k2), v) in m.OrderBy(e => e.Value).OrderBy(e => e.Key.Item2)) { }
            }
            """));
        var lines = errors.Select(e => e.ToString()).ToList();
        Assert.Contains("Script.cs(13,37): error STAP0200: Where(...) cannot be lowered to a stap foreach: stap filters only by key pattern: use Matching((key1, Any.Long)) to fix key parts, or test inside the loop with if", lines);
        Assert.Contains("Script.cs(14,59): error STAP0200: A second OrderBy(...) cannot be lowered to a stap foreach: stap sorts by one column only: keep one OrderBy or OrderByDescending", lines);
        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void Variance_without_a_shift_goes_with_one_explicit_shift()
    {
        // stap accepts @variance(s) beside @variance(s, 3); only two different explicit shifts conflict.
        var output = TestCompiler.Compile(TestCompiler.Class(Fields + "[Probe(\"begin\")] void B() { if (s.Count() > 0) Println(s.Variance() + s.Variance(3) + s.Variance(3)); }"));
        Assert.False(output.HasErrors, string.Join("\n", output.Diagnostics));
        Assert.Contains("@variance(s) + @variance(s, 3)", Assert.Single(output.Scripts).Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Println(/*@*/s.Avg());")]
    [InlineData("Println(/*@*/s.Min() + s.Count());")]
    [InlineData("if (t.Count() > 0) Println(/*@*/s.Max());")]
    [InlineData("if (s.Count() >= 0) Println(/*@*/s.Variance());")]
    [InlineData("if (s.Count() > 0) { } Print(/*@*/s.HistLog());")]
    [InlineData("if (s.Count() == 0) Println(\"none\"); Println(/*@*/s.Avg());")]
    [InlineData("Println(/*@*/a[\"x\"].Avg());")]
    [InlineData("if (a[\"y\"].Count() > 0) Println(/*@*/a[\"x\"].Avg());")]
    [InlineData("long n = t.Count(); if (n > 0) Println(/*@*/s.Avg());")]
    [InlineData("long n = s.Count(); n = 1; if (n > 0) Println(/*@*/s.Avg());")]
    [InlineData("long n = s.Count(); s.Clear(); if (n > 0) Println(/*@*/s.Avg());")]
    [InlineData("long n = s.Count(); n++; if (n > 0) Println(/*@*/s.Avg());")]
    public void Aggregate_of_a_possibly_empty_statistic_is_a_warning(string statements)
    {
        var marked = TestCompiler.Class(Fields + $"[Probe(\"begin\")] void B() {{ {statements} }}");
        var (line, column) = MarkedSource.Position(marked);
        var output = TestCompiler.Compile(MarkedSource.Unmarked(marked));
        Assert.False(output.HasErrors, string.Join("\n", output.Diagnostics));
        var warning = Assert.Single(output.Diagnostics, d => d.Id == "STAP0202");
        Assert.Equal(StapSeverity.Warning, warning.Severity);
        Assert.Equal((line, column), (warning.Span.Line, warning.Span.Column));
        Assert.Contains(".Count() > 0)", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("if (s.Count() > 0) Println(s.Avg());")]
    [InlineData("if (0 < s.Count()) { Println(s.Min()); Print(s.HistLog()); }")]
    [InlineData("if (s.Count() != 0 && t.Count() > 2) Println(s.Max() + t.Max());")]
    [InlineData("if (s.Count() == 0) return; Println(s.Variance());")]
    [InlineData("if (s.Count() == 0 || t.Count() == 0) { Println(\"none\"); return; } Println(s.Avg() - t.Avg());")]
    [InlineData("if (s.Count() == 0) Println(\"none\"); else Println(s.Avg());")]
    [InlineData("if (!(s.Count() > 0)) return; Println(s.Avg());")]
    [InlineData("long avg = s.Count() > 0 ? s.Avg() : 0; Println(avg);")]
    [InlineData("if (s.Count() > 0 && s.Avg() > 10) Println(\"slow\");")]
    [InlineData("if (a[\"x\"].Count() > 0) Println(a[\"x\"].Avg());")]
    [InlineData("if (T.s.Count() > 0) Println(s.Avg());")]
    [InlineData("if (a[ \"x\" ].Count() > 0) Println(a[\"x\"].Avg());")]
    [InlineData("long n = s.Count(); if (n > 0) Println(s.Avg());")]
    [InlineData("var n = s.Count(); if (n == 0) return; Println(s.Avg() / n);")]
    [InlineData("foreach (var (name, stats) in a) Println(stats.Avg());")]
    [InlineData("foreach (var entry in a.OrderByDescending(e => e.Value.Avg())) Println(entry.Value.Max());")]
    public void Guarded_aggregates_raise_no_warning(string statements)
    {
        var output = TestCompiler.Compile(TestCompiler.Class(Fields + $"[Probe(\"begin\")] void B() {{ {statements} }}"));
        Assert.False(output.HasErrors, string.Join("\n", output.Diagnostics));
        Assert.DoesNotContain(output.Diagnostics, d => d.Id == "STAP0202");
        Assert.Single(output.Scripts);
    }

    [Fact]
    public void Named_histogram_arguments_keep_their_meaning()
    {
        var script = TestCompiler.Single(TestCompiler.Class(Fields + "[Probe(\"begin\")] void B() { if (s.Count() > 0) Print(s.HistLinear(width: 10, high: 100, low: -50)); }"));
        Assert.Contains("print(@hist_linear(s, -50, 100, 10))", script.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Statistics")]
    [InlineData("MapQueries")]
    public void Snapshot_inputs_guard_every_aggregate(string input)
    {
        // The snapshot inputs read Min/Max/Avg/Variance/histograms only under the guards users are told to write.
        var path = Path.Combine(Snapshot.RepositoryRoot(), "tests", "StapSharp.Compiler.Tests", "Snapshots", "Inputs", input + ".cs");
        var output = TestCompiler.CompileFiles([path]);
        Assert.Empty(output.Diagnostics);
        Assert.Single(output.Scripts);
    }
}
