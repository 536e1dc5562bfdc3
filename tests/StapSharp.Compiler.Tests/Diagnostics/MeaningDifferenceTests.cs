using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.Diagnostics;

/// <summary>
/// Valid in both languages, different in stap: an unguarded division ends the session, a long string is
/// cut. Each is a warning at the exact place (<c>/*@*/</c>), and the script is still emitted.
/// </summary>
public sealed class MeaningDifferenceTests
{

    private const string Fields = "static long total; static long count;\n";

    [Theory]
    [InlineData("STAP0300", "Println(total / /*@*/count);")]
    [InlineData("STAP0300", "Println(total % /*@*/count);")]
    [InlineData("STAP0300", "total /= /*@*/count;")]
    [InlineData("STAP0300", "Println(total / /*@*/(count - 1));")]
    [InlineData("STAP0300", "if (total > 0) Println(total / /*@*/count);")]
    [InlineData("STAP0300", "Println(total / /*@*/0);")]
    [InlineData("STAP0300", "for (long i = 0; total < 10; i++) Println(total / /*@*/i);")]
    // The guard is read by what it names: a local that shadows the field is another value.
    [InlineData("STAP0300", "long count = total; if (T.count != 0) Println(total / /*@*/count);")]
    [InlineData("STAP0301", "Println(/*@*/\"" + LongText + "\");")]
    public void Reports_a_warning_at_the_exact_place(string id, string statements)
    {
        var marked = TestCompiler.Class(Fields + $"[Probe(\"begin\")] void B() {{ {statements} }}");
        var (line, column) = MarkedSource.Position(marked);
        var output = TestCompiler.Compile(MarkedSource.Unmarked(marked));
        Assert.False(output.HasErrors, string.Join("\n", output.Diagnostics));
        Assert.Single(output.Scripts);
        var warning = Assert.Single(output.Diagnostics);
        Assert.Equal((id, StapSeverity.Warning), (warning.Id, warning.Severity));
        Assert.Equal((line, column), (warning.Span.Line, warning.Span.Column));
    }

    [Theory]
    [InlineData("Println(total / 4);")]
    [InlineData("if (count != 0) Println(total / count);")]
    [InlineData("if (count == 0) Println(0); else Println(total / count);")]
    [InlineData("Println(count > 0 ? total / count : 0);")]
    [InlineData("if (count > 0 && total / count > 10) Println(1);")]
    [InlineData("try { Println(total / count); } catch (StapException e) { Println(e.Message); }")]
    [InlineData("if (count == 0) return; Println(total / count);")]
    [InlineData("if ((T.count) != 0) Println(total / count);")]
    // A loop's condition held when its body began.
    [InlineData("for (long i = 1; i <= 10; i++) Println(total / i);")]
    [InlineData("while (count > 0) { Println(total % count); count--; }")]
    [InlineData("Println(\"" + "short" + "\");")]
    public void Guarded_code_and_short_strings_are_quiet(string statements)
    {
        var output = TestCompiler.Compile(TestCompiler.Class(Fields + $"[Probe(\"begin\")] void B() {{ {statements} }}"));
        Assert.Empty(output.Diagnostics);
    }

    [Fact]
    public void Messages_say_what_to_write_instead()
    {
        var output = TestCompiler.Compile(TestCompiler.Class(Fields + "[Probe(\"begin\")] void B() { Println(total / count); }"));
        var warning = Assert.Single(output.Diagnostics);
        Assert.Contains("ends the whole session", warning.Message, StringComparison.Ordinal);
        Assert.Contains("if (count != 0)", warning.Message, StringComparison.Ordinal);
    }

    private const string LongText =
        "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789" +
        "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789" +
        "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789" +
        "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789" +
        "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789" +
        "01234567890123456789";
}
