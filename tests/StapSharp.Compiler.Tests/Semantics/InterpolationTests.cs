using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.Semantics;

/// <summary>
/// An interpolated string's text reaches the printf format as C# reads it: <c>{{</c> and <c>}}</c> are
/// one brace, verbatim <c>""</c> one quote, raw strings as written, and every <c>%</c> is doubled so
/// stap prints it; alignment and format specifiers become printf width and conversion.
/// </summary>
public sealed class InterpolationTests
{
    [Theory]
    [InlineData("""Println($"a}}b{{c{n}");""", """printf("a}b{c%d\n", n)""")]
    [InlineData("""Print($"{{{n}}}");""", """printf("{%d}", n)""")]
    [InlineData("""Println($"100% {n}%");""", """printf("100%% %d%%\n", n)""")]
    [InlineData("""Println($"{n,5}|{n,-5:x}|{n:X}|{n:d}|{s,W}|{s,-W}");""", """printf("%5d|%-5x|%X|%d|%6s|%-6s\n", n, n, n, n, s, s)""")]
    [InlineData("""Println($@"v""q{{{n}}}\n");""", """printf("v\"q{%d}\\n\n", n)""")]
    [InlineData("""Println(@$"{{{s}}}");""", """printf("{%s}\n", s)""")]
    [InlineData("Println($$\"\"\"raw {x} {{n}} %\"\"\");", """printf("raw {x} %d %%\n", n)""")]
    [InlineData("Println($$\"\"\"<{{{n}}}>\"\"\");", """printf("<{%d}>\n", n)""")]
    [InlineData("Println($\"\"\"\n    q\"{n}\"\n    \"\"\");", """printf("q\"%d\"\n", n)""")]
    [InlineData("""t = $"a{{b}}{s}";""", """t = sprintf("a{b}%s", s)""")]
    [InlineData("""t = $"a{{b}}";""", """t = sprintf("a{b}")""")]
    public void The_format_holds_the_text_CSharp_prints(string statement, string expected)
    {
        var script = TestCompiler.Single(Probe(statement));
        Assert.Contains("  " + expected + "\n", script.Text, StringComparison.Ordinal);
    }

    [StapFact]
    public void Real_stap_reads_each_format_as_one_literal_with_the_braces_once()
    {
        var script = TestCompiler.Single(Probe(""""
            Println($"a}}b{{c{n}");
            Println($@"v""q{{{n}}}\n");
            Println($$"""<{{{n}}}> 100%""");
            Println($"{n,5}|{s,-W}");
            """"));
        var (exitCode, stdout, stderr) = StapTool.Run(script.Text, 1, script.ClassName);
        Assert.True(exitCode == 0, stderr);
        // The parse tree shows each literal with its backslashes doubled.
        Assert.Contains("""printf("a}b{c%d\\n", n);""", stdout, StringComparison.Ordinal);
        Assert.Contains("""printf("v\"q{%d}\\\\n\\n", n);""", stdout, StringComparison.Ordinal);
        Assert.Contains("""printf("<{%d}> 100%%\\n", n);""", stdout, StringComparison.Ordinal);
        StapTool.AssertAccepts(script);
    }

    private static string Probe(string statements) =>
        TestCompiler.Class("const int W = 6;\n[Probe(\"begin\")]\nvoid B()\n{\nlong n = 5;\nstring s = \"x\";\nstring t = \"\";\n" + statements + "\nPrintln(t);\n}");
}
