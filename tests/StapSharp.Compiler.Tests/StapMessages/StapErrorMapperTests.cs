using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.StapMessages;
using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.StapMessages;

/// <summary>stap's errors come back at the C# place that produced the failing .stp line.</summary>
public sealed class StapErrorMapperTests
{
    private const string Source = TestCompiler.Usings + """
        public sealed class T : ProbeScript
        {
            [Probe("syscall.mkdirr")]
            void Enter(string argstr) => Println(argstr);

            [Probe("begin")]
            void Start()
            {
                long n = 1;
                Println(n);
            }
        }
        """;

    [Fact]
    public void Maps_positions_in_the_script_to_CSharp_places_and_keeps_others_unmapped()
    {
        var script = TestCompiler.Single(Source);
        var probeLine = LineOf(script.Text, "probe syscall.mkdirr");
        var stderr = $"""
            WARNING: Kernel function symbol table missing [man warning::symbols]
            semantic error: while resolving probe point: identifier 'syscall' at /tmp/x/T.stp:{probeLine}:7
                    source: probe syscall.mkdirr
                                  ^

            semantic error: probe point mismatch (similar: mkdir): identifier 'mkdirr' at :{probeLine}:15
                    source: probe syscall.mkdirr
                                          ^

            semantic error: type mismatch at /usr/share/systemtap/tapset/linux/x.stp:3:1
            Pass 2: analysis failed.  [man error::pass2]
            """;

        var diagnostics = StapErrorMapper.Map(stderr, "/tmp/x/T.stp", script.Map);

        Assert.Equal(3, diagnostics.Count);
        Assert.All(diagnostics.Take(2), d => Assert.Equal(("Script.cs", 5, 12), (d.Span.FilePath, d.Span.Line, d.Span.Column)));
        Assert.Equal("STAP0013", diagnostics[0].Id);
        Assert.Equal("stap: semantic error: while resolving probe point: identifier 'syscall'", diagnostics[0].Message);
        Assert.True(diagnostics[2].Span.IsNone);
        Assert.Contains("/usr/share/systemtap/tapset/linux/x.stp:3:1", diagnostics[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_block_of_one_error_lands_where_the_error_names_a_place()
    {
        var script = TestCompiler.Single(Source);
        var probeLine = LineOf(script.Text, "probe syscall.mkdirr");
        var stderr = $"""
            WARNING: Kernel function symbol table missing [man warning::symbols]
            semantic error: while processing probe syscall.mkdirr from: begin

            semantic error: while resolving probe point: identifier 'syscall' at /tmp/x/T.stp:{probeLine}:7
                    source: probe syscall.mkdirr
                                  ^

            semantic error: no match (similar functions: mkdir, rmdir)

            Pass 2: analysis failed.  [man error::pass2]
            semantic error: unresolved global after the pass line
            """;

        var diagnostics = StapErrorMapper.Map(stderr, "/tmp/x/T.stp", script.Map);

        Assert.Equal(4, diagnostics.Count);
        Assert.All(diagnostics.Take(3), d => Assert.Equal(("Script.cs", 5, 12), (d.Span.FilePath, d.Span.Line, d.Span.Column)));
        Assert.Contains("no match", diagnostics[2].Message, StringComparison.Ordinal);
        Assert.True(diagnostics[3].Span.IsNone);
    }

    [StapFact]
    public void Real_stap_no_match_after_a_probe_point_lands_on_its_attribute_too()
    {
        var script = TestCompiler.Single(TestCompiler.Usings + """
            public sealed class T : ProbeScript
            {
                [Probe("kernel.function(\"no_such_function_anywhere\")")]
                void Enter() => Println(1);
            }
            """);
        var (exitCode, _, stderr) = StapTool.Run(script.Text, 2, "T");
        Assert.NotEqual(0, exitCode);

        var diagnostics = StapErrorMapper.Map(stderr, "T.stp", script.Map).Where(d => d.Severity == StapSeverity.Error).ToList();

        Assert.Contains(diagnostics, d => d.Message.Contains("no match", StringComparison.Ordinal));
        Assert.All(diagnostics, d => Assert.Equal((5, 12), (d.Span.Line, d.Span.Column)));
    }

    [Fact]
    public void A_statement_line_maps_to_its_CSharp_statement()
    {
        var script = TestCompiler.Single(Source);
        var line = LineOf(script.Text, "println(n)");
        var stderr = $"parse error: expected something\n        saw: identifier 'n' at T.stp:{line}:11\n";

        var diagnostic = Assert.Single(StapErrorMapper.Map(stderr, "T.stp", script.Map));

        Assert.Equal((12, 9), (diagnostic.Span.Line, diagnostic.Span.Column));
        Assert.Equal("stap: parse error: expected something; saw: identifier 'n'", diagnostic.Message);
    }

    [StapFact]
    public void Real_stap_error_on_a_misspelled_tapset_probe_lands_on_its_attribute()
    {
        var script = TestCompiler.Single(Source);
        var (exitCode, _, stderr) = StapTool.Run(script.Text, 2, "T");
        Assert.NotEqual(0, exitCode);

        var diagnostics = StapErrorMapper.Map(stderr, "T.stp", script.Map);

        Assert.Contains(diagnostics, d => d.Span.Line == 5 && d.Span.Column == 12 && d.Message.Contains("mkdirr", StringComparison.Ordinal));
    }

    private static int LineOf(string text, string content) =>
        text.Split('\n').Select((l, i) => (l, i)).First(x => x.l.Contains(content, StringComparison.Ordinal)).i + 1;
}
