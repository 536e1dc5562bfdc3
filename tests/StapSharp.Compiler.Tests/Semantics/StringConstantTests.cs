using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.Semantics;

/// <summary>
/// A stap string ends at its first NUL, so a string constant holding U+0000 would be cut there: it is
/// an error (STAP0036) at the innermost constant that holds it, wherever the constant comes from.
/// </summary>
public sealed class StringConstantTests
{
    [Theory]
    [InlineData("Println(/*@*/\"a\\0b\");")]
    [InlineData("Println(\"ok \" + /*@*/\"\\0\");")]
    [InlineData("Println(/*@*/Cut);")]
    [InlineData("Println(Texts./*@*/Cut);")]
    [InlineData("long n = 1; Println($\"/*@*/a\\0{n}\");")]
    [InlineData("Println(/*@*/\"a\\u0000b\");")]
    [InlineData("string s = /*@*/@\"a\0b\"; Println(s);")] // a raw NUL character in a verbatim literal
    [InlineData("Printf(/*@*/\"%s\\0\\n\", \"x\");")]
    public void A_NUL_in_a_string_constant_is_reported_where_it_is_written(string statements)
    {
        var marked = TestCompiler.Usings + "static class Texts { public const string Cut = \"x\\0y\"; }\n" +
                     "public sealed class T : ProbeScript\n{\nconst string Cut = \"x\\0y\";\n[Probe(\"begin\")] void B() { " + statements + " }\n}\n";
        MarkedSource.AssertReported("STAP0036", marked);
    }

    [Theory]
    [InlineData("Println(/*@*/\"x\\ud800y\");")]
    [InlineData("Println(/*@*/\"x\\udc00\");")]
    [InlineData("long n = 1; Println($\"/*@*/a\\ud83d{n}\");")]
    [InlineData("Println(\"ok \" + /*@*/\"\\ude00\\ud83d\");")] // both halves, in the wrong order
    public void An_unpaired_surrogate_in_a_string_constant_is_reported_where_it_is_written(string statements)
    {
        MarkedSource.AssertReported("STAP0038", TestCompiler.Class("[Probe(\"begin\")] void B() { " + statements + " }"));
    }

    [Fact]
    public void A_whole_character_outside_the_basic_plane_is_written_as_its_UTF8_bytes()
    {
        var script = TestCompiler.Single(TestCompiler.Class("[Probe(\"begin\")] void B() { Println(\"\\U0001F600 \\ud83d\\ude00\"); }"));

        Assert.Contains("println(\"\\360\\237\\230\\200 \\360\\237\\230\\200\")", script.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_NUL_is_one_error_at_the_literal_and_an_unused_const_is_quiet()
    {
        var errors = TestCompiler.Errors(TestCompiler.Class("const string Unused = \"u\\0\";\n[Probe(\"begin\")] void B() { Println(\"a\" + \"b\\0\" + \"c\"); }"));
        var error = Assert.Single(errors);
        Assert.Equal(("STAP0036", 6, 43), (error.Id, error.Span.Line, error.Span.Column));
        Assert.Contains("at index 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_advice_without_the_NUL_compiles()
    {
        var script = TestCompiler.Single(TestCompiler.Class("[Probe(\"begin\")] void B() { Println(\"a\"); Println(\"b\"); }"));
        Assert.Contains("println(\"a\")", script.Text, StringComparison.Ordinal);
    }
}
