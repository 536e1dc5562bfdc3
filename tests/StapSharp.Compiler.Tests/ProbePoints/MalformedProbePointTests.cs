using StapSharp.Compiler.ProbePoints;

namespace StapSharp.Compiler.Tests.ProbePoints;

/// <summary>Malformed probe points are rejected at the exact character, with a message that says what to write.</summary>
public class MalformedProbePointTests
{
    public static TheoryData<string, int, string> MalformedPoints => new()
    {
        // Script text smuggled into a probe string stops at the first character that is not probe point syntax.
        { """begin { system("id") } probe end""", 6, "A handler body cannot be written in a probe point" },
        { """begin{system("id")}""", 5, "unexpected '{'" },
        { "begin, end } probe never { exit()", 11, "unexpected '}'" },
        { "begin;", 5, "';' cannot appear in a probe point" },
        { "begin if (a; b)", 11, "';' cannot appear" },
        { "%{ int x; %}", 0, "embedded C" },
        { "kernel.function(%{ x %})", 16, "embedded C" },
        { "begin if (a %{ x %})", 12, "embedded C" },
        { "%( arch == \"x86_64\" %? begin %: end %)", 0, "preprocessor conditionals" },
        { "$1", 0, "script arguments" },
        { "timer.s($1)", 8, "write timer.s({Interval})" },
        { "kernel.function(@1)", 16, "script arguments" },
        { "begin if ($# > 1)", 10, "test $# with Kernel.ArgumentCount in an if" },
        { "begin # comment", 6, "comments are not allowed" },
        // Strings.
        { "kernel.function(\"abc", 20, "the string opened at offset 16 needs a closing '\"'" },
        { "kernel.function(\"abc\ndef\")", 20, "must end on the line it starts on" },
        { "kernel.function(\"abc\\", 21, "unterminated string literal" },
        { "kernel.function(\"a\\qb\")", 19, "unknown escape '\\q'" },
        { "kernel.function(\"\\xe9\")", 19, "outside ASCII" },
        { "kernel.function(\"\\351\")", 18, "outside ASCII" },
        { "kernel.function(\"a\u0085\")", 18, "is not allowed in a string literal" },
        // Parentheses and arguments.
        { "kernel.function(\"foo\"", 21, "expected ')' to close the argument of 'function'" },
        { "kernel.function(\"foo\" \"bar\")", 22, "expected ')' to close the argument of 'function'" },
        { "kernel.function(foo)", 16, "write function(\"foo\")" },
        { "process(/bin/ls).begin", 8, "write process(\"/bin/ls\")" },
        { "timer.s()", 8, "'s()' has an empty argument" },
        { "timer.s(-)", 9, "expected digits after '-'" },
        { "timer.s(5", 9, "expected ')' to close the argument of 's'" },
        { "timer.s(0x)", 8, "malformed number '0x'" },
        { "timer.s(5ms)", 8, "malformed number '5ms'" },
        { "begin(08)", 6, "malformed number '08'" },
        { "begin(9223372036854775808)", 6, "does not fit in a 64-bit signed integer" },
        { "begin(-9223372036854775809)", 7, "does not fit in a 64-bit signed integer" },
        // Components and lists.
        { "kernel..function", 7, "expected a probe point component" },
        { "kernel.", 7, "unexpected end of text; expected a probe point component" },
        { "", 0, "expected a probe point component" },
        { "   ", 3, "expected a probe point component" },
        { "begin,", 6, "expected a probe point component" },
        { ",begin", 0, "unexpected ','" },
        { "1begin", 0, "unexpected '1'" },
        { "kernel.function(\"x\") junk", 21, "expected '.', '?', '!', 'if (…)', ',' or the end of the probe point" },
        { "begin ? ?", 8, "expected 'if (…)', ',' or the end" },
        { "begin ? end", 8, "expected 'if (…)'" },
        { "syscall.{open,close", 19, "expected '.', '?', '!', 'if (…)', ',' or '}'" },
        { "syscall.{}", 9, "expected a probe point component" },
        // Conditions.
        { "begin if x", 9, "expected '(' after 'if'" },
        { "begin if (x", 11, "expected an operator or ')' to close the 'if' condition" },
        { "begin if (x) ?", 13, "expected ',' or the end of the probe point" },
        { "begin if ()", 10, "expected an operand" },
        { "begin if (f(x))", 11, "function calls are not allowed" },
        { "begin if (a[1])", 11, "array elements are not allowed" },
        { "begin if ($var)", 10, "target variables" },
        { "begin if (@cast(p, \"task_struct\"))", 10, "'@' operators" },
        { "begin if (a = 1)", 12, "did you mean '=='?" },
        { "begin if (a++)", 11, "'++' and '--'" },
        { "begin if (a--b)", 11, "'++' and '--'" },
        { "begin if (a << 2)", 12, "shift operators" },
        { "begin if (!~a)", 10, "regular expression matching" },
        { "begin if (s =~ \"x\")", 12, "regular expression matching" },
        { "begin if (a ? b : c)", 12, "unexpected '?'" },
        { "begin if (a . b)", 12, "unexpected '.'" },
        { "begin if (a // b)", 12, "comments are not allowed" },
        { "begin if (for)", 10, "'for' is a SystemTap keyword" },
        { "begin if ({ x })", 10, "unexpected '{'" },
    };

    [Theory]
    [MemberData(nameof(MalformedPoints))]
    public void Reports_the_offset_and_explains(string text, int offset, string messagePart)
    {
        var error = ProbePointParserAssert.Fails(text);

        Assert.Equal(offset, error.Offset);
        Assert.Contains(messagePart, error.Message);
    }

    [Fact]
    public void Deep_nesting_is_rejected_instead_of_exhausting_the_stack()
    {
        var text = "begin if (" + new string('(', 10_000) + "x" + new string(')', 10_001);

        var error = ProbePointParserAssert.Fails(text);

        Assert.Equal(10 + ProbePointParser.MaxNestingDepth - 1, error.Offset);
        Assert.Contains("nested", error.Message);
    }

    [Fact]
    public void Nesting_up_to_the_limit_still_parses() =>
        ProbePointParserAssert.Parses("begin if (" + new string('(', 60) + "x" + new string(')', 61));
}
