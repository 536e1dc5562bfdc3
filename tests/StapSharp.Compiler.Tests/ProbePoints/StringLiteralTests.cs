using StapSharp.Compiler.ProbePoints;

namespace StapSharp.Compiler.Tests.ProbePoints;

/// <summary>String arguments: stap escapes are decoded, and printed back as exactly one stap literal.</summary>
public class StringLiteralTests
{
    [Theory]
    [InlineData("\\\"", "\"")]
    [InlineData("""\\""", "\\")]
    [InlineData("""\n\t\r\a\b\f\v""", "\n\t\r\a\b\f\v")]
    [InlineData("""\101\1""", "A\u0001")]
    [InlineData("""\1012""", "A2")]
    [InlineData("""\x41\x7f""", "A\x7f")]
    [InlineData("*@fs/open.c:123", "*@fs/open.c:123")]
    [InlineData("caf\u00e9 \u6f22 \U0001F600", "caf\u00e9 \u6f22 \U0001F600")]
    [InlineData("a\tb", "a\tb")]
    public void Escapes_decode_to_the_value(string body, string value)
    {
        var point = Assert.Single(ProbePointParserAssert.Parses($"kernel.function(\"{body}\")").Points);

        Assert.Equal(new NamedComponent("function", new StringLiteral(value)), point.Components[1]);
    }

    [Theory]
    [InlineData("""a\0b""")]
    [InlineData("""\000""")]
    [InlineData("""x\x00""")]
    [InlineData("""x\x0""")]
    public void A_NUL_escape_is_refused_as_stap_would_cut_the_string_there(string body)
    {
        var error = ProbePointParserAssert.Fails($"process(\"{body}\").function(\"main\")");

        Assert.Contains("is a NUL", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a\"b", """kernel.function("a\"b")""")]
    [InlineData("a\\b", """kernel.function("a\\b")""")]
    [InlineData("line\nbreak\r", """kernel.function("line\nbreak\r")""")]
    [InlineData("\u0001\u007f1", """kernel.function("\001\1771")""")]
    [InlineData("\") } probe end { system(\"id", """kernel.function("\") } probe end { system(\"id")""")]
    public void Printer_escapes_quotes_backslashes_and_control_characters(string value, string printed)
    {
        var point = new ProbePoint([new NamedComponent("kernel"), new NamedComponent("function", new StringLiteral(value))], Optionality.None, null);

        Assert.Equal(printed, ProbePointPrinter.Print(point));
        Assert.Equal(point, Assert.Single(ProbePointParserAssert.Parses(printed).Points));
    }

    [Fact]
    public void Printer_refuses_characters_that_have_no_stap_spelling()
    {
        // A fact rather than a theory: test case serialisation would replace the lone surrogate.
        foreach (var value in new[] { "\u0085", "\u2028", "a\ud800", "\udc00b", "a\0b" })
        {
            var point = new ProbePoint([new NamedComponent("begin", new StringLiteral(value))], Optionality.None, null);

            Assert.Throws<ArgumentException>(() => ProbePointPrinter.Print(point));
        }
    }
}
