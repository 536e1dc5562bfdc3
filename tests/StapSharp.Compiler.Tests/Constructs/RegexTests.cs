using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.Constructs;

/// <summary>
/// <c>Regex.IsMatch(s, "pattern")</c> is stap's <c>s =~ "pattern"</c> and <c>!Regex.IsMatch</c> its <c>!~</c>; a pattern
/// construct that stap reads differently or rejects is reported at its character, and the advice, applied, translates
/// to a script stap accepts.
/// </summary>
public sealed class RegexTests
{
    private static string Script(string body) =>
        "using System.Text.RegularExpressions;\n" + TestCompiler.Class($"[Probe(\"begin\")] void B() {{ string s = ExecName(); {body} }}");

    [Fact]
    public void IsMatch_is_the_match_operator_and_its_negation_the_mismatch_operator()
    {
        var text = TestCompiler.Single(Script("""if (Regex.IsMatch(s, "^ss(h)d")) { Println(Matched(1)); } if (!(Regex.IsMatch(s, "x"))) { Exit(); }""")).Text;
        Assert.Contains("if (s =~ \"^ss(h)d\")", text, StringComparison.Ordinal);
        Assert.Contains("if (s !~ \"x\")", text, StringComparison.Ordinal);
        Assert.DoesNotContain("!(", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dot_skips_a_line_end_as_in_CSharp()
    {
        // stap's '.' matches any byte but NUL; .NET's any character but '\n'.
        var text = TestCompiler.Single(Script("""if (Regex.IsMatch(s, "a.b[.]")) { Exit(); }""")).Text;
        Assert.Contains("if (s =~ \"a[^\\n]b[.]\")", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pattern_reaches_stap_only_as_an_escaped_literal()
    {
        // The pattern's quote and backslashes are escaped once for stap's literal; stap's regex compiler unescapes them.
        var text = TestCompiler.Single(Script("""if (Regex.IsMatch(s, "\"; probe begin \\{ \\\\")) { Exit(); }""")).Text;
        Assert.Contains("if (s =~ \"\\\"; probe begin \\\\{ \\\\\\\\\")", text, StringComparison.Ordinal);
    }

    /// <summary>A misused pattern (marked where the error must point), a substring of the advice, and the advice applied.</summary>
    public static TheoryData<string, string, string, string> Misuses() => new()
    {
        { "STAP0271", """Regex.IsMatch(s, "a/*@*/\\d+")""", "[0-9]", """Regex.IsMatch(s, "a[0-9]+")""" },
        { "STAP0271", """Regex.IsMatch(s, @"x/*@*/\w")""", "[A-Za-z0-9_]", """Regex.IsMatch(s, "x[A-Za-z0-9_]")""" },
        { "STAP0271", """Regex.IsMatch(s, "x/*@*/\\s")""", @"[ \t\n\r\f\v]", """Regex.IsMatch(s, "x[ \t\n\r\f\v]")""" },
        { "STAP0271", """Regex.IsMatch(s, "/*@*/\\bsh")""", "(^|[^A-Za-z0-9_])word", """Regex.IsMatch(s, "(^|[^A-Za-z0-9_])sh")""" },
        { "STAP0271", """Regex.IsMatch(s, @"a/*@*/\n")""", "the character itself", """Regex.IsMatch(s, "a\n")""" },
        { "STAP0271", """Regex.IsMatch(s, "(a)/*@*/\\1")""", "Matched(1) == Matched(2)", """Regex.IsMatch(s, "(a)(a)") && Matched(1) == Matched(2)""" },
        { "STAP0271", """Regex.IsMatch(s, "a.*/*@*/?b")""", "[^/]*", """Regex.IsMatch(s, "a[^b]*b")""" },
        { "STAP0271", """Regex.IsMatch(s, "a/*@*/(?=b)")""", "lookaround", """Regex.IsMatch(s, "a(b)")""" },
        { "STAP0271", """Regex.IsMatch(s, "/*@*/(?<name>x)")""", "numbered group", """Regex.IsMatch(s, "(x)")""" },
        { "STAP0271", """Regex.IsMatch(s, "/*@*/(?i)ssh")""", "[Ss]", """Regex.IsMatch(s, "[Ss][Ss][Hh]")""" },
        { "STAP0271", """Regex.IsMatch(s, "a/*@*/{b")""", @"'\{'", """Regex.IsMatch(s, "a\\{b")""" },
        { "STAP0271", """Regex.IsMatch(s, "a/*@*/{300}")""", "255", """Regex.IsMatch(s, "a{255}")""" },
        { "STAP0271", """Regex.IsMatch(s, "[/*@*/[:digit:]]")""", "[0-9]", """Regex.IsMatch(s, "[0-9]")""" },
        { "STAP0271", """Regex.IsMatch(s, "caf/*@*/é")""", "IsInStr", """IsInStr(s, "café")""" },
        { "STAP0271", """Regex.IsMatch(s, "[a/*@*/é]")""", "ASCII", """Regex.IsMatch(s, "[a]")""" },
        { "STAP0271", """Regex.IsMatch(s, "a$/*@*/?")""", "remove it", """Regex.IsMatch(s, "a$")""" },
        { "STAP0270", """Regex.IsMatch(s, /*@*/s + "x")""", "const string", """Regex.IsMatch(s, "x")""" },
        { "STAP0272", """Regex.IsMatch(s, "ssh", /*@*/RegexOptions.IgnoreCase)""", "[Ss]", """Regex.IsMatch(s, "[Ss][Ss][Hh]")""" },
        { "STAP0001", """/*@*/Regex.Match(s, "a(b)").Success""", "Regex.IsMatch(s", """Regex.IsMatch(s, "a(b)")""" },
        { "STAP0006", """/*@*/Regex.Replace(s, "a", "b") == "b" """, "=~", """Regex.IsMatch(s, "a")""" },
        { "STAP0006", """/*@*/s.Contains("sh")""", "IsInStr(s, part)", """IsInStr(s, "sh")""" },
        { "STAP0006", """/*@*/s.StartsWith("sh")""", "StrPos(s, prefix) == 0", """StrPos(s, "sh") == 0""" },
        { "STAP0006", """/*@*/s.ToUpperInvariant() == "SH" """, "Regex.IsMatch(s, \"pattern\")", """Regex.IsMatch(s, "^[Ss][Hh]$")""" },
    };

    [Theory]
    [MemberData(nameof(Misuses))]
    public void Misuse_is_reported_at_its_character_and_the_advice_translates(string id, string misuse, string advice, string fixedCondition)
    {
        var marked = Script($"if ({misuse}) {{ Exit(); }}");
        var (line, column) = MarkedSource.Position(marked);
        var errors = TestCompiler.Errors(MarkedSource.Unmarked(marked));
        var error = Assert.Single(errors, e => e.Id == id);
        Assert.True((error.Span.Line, error.Span.Column) == (line, column), $"expected {id} at ({line},{column}); got {error}");
        Assert.Contains(advice, error.Message, StringComparison.Ordinal);

        TestCompiler.Single(Script($"if ({fixedCondition}) {{ Exit(); }}"));
    }

    /// <summary>Every applied advice, in one script, passes stap's -p1 and -p2 (where stap compiles the patterns).</summary>
    [StapFact]
    public void Applied_advice_passes_stap()
    {
        var conditions = Misuses().Select(row => (string)row[3]).ToList();
        var body = string.Join(" ", conditions.Select((condition, i) => $"if ({condition}) {{ Println({i}); }}"));
        StapTool.AssertAccepts(TestCompiler.Single(Script(body)));
    }

    [Fact]
    public void A_pattern_dotnet_rejects_is_reported_with_its_reason()
    {
        var errors = TestCompiler.Errors(Script("""if (Regex.IsMatch(s, "a(b")) { Exit(); }"""));
        Assert.Contains(errors, e => e.Id == "STAP0271" && e.Message.Contains("not a valid regular expression", StringComparison.Ordinal));
    }

    /// <summary>Patterns of the shared subset, as stap reads them: -p2 compiles each (a pattern stap rejects fails the pass).</summary>
    [StapFact]
    public void Patterns_of_the_shared_subset_pass_stap()
    {
        string[] patterns =
        [
            "^a|b$", "(?:ab)+c?", "a{2}b{1,}c{0,3}", @"\.\*\+\?\(\)\[\]\{\}\|\^\$\\/", "[]a]", "[^]a-]", @"[\]\\\-]", "()", "x|", "}]", "[ \t]\n",
        ];
        var body = string.Join(" ", patterns.Select((p, i) => $"if (Regex.IsMatch(s, {Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(p, quote: true)})) {{ Println({i}); }}"));
        StapTool.AssertAccepts(TestCompiler.Single(Script(body)));
    }
}
