using StapSharp.Compiler.Diagnostics;

namespace StapSharp.Compiler.Tests.Security;

/// <summary>Names from outside are printed on one line, with nothing a terminal would act on.</summary>
public sealed class DiagnosticTextTests
{
    [Theory]
    [InlineData("a\nb", @"a\nb")]
    [InlineData("a\r\tb", @"a\r\tb")]
    [InlineData("\u001b[2Jclear", @"\e[2Jclear")]
    [InlineData("bell\u0007nul\u0000del\u007f", @"bell\x07nul\x00del\x7f")]
    [InlineData("c1 csi \u009b31m", @"c1 csi \x9b31m")]
    [InlineData("evil\u202egnp.cs", @"evil\u202egnp.cs")]
    [InlineData("isolate\u2066x\u2069 ltr\u200e", @"isolate\u2066x\u2069 ltr\u200e")]
    [InlineData("line\u2028separator", @"line\u2028separator")]
    public void Control_characters_become_escapes(string text, string expected) =>
        Assert.Equal(expected, DiagnosticText.Escape(text));

    [Theory]
    [InlineData("samples/MkdirTrace/MkdirTrace.cs(12,5): error STAP0001: message")]
    [InlineData("Ünïcödé 日本語 files.cs")]
    [InlineData("")]
    public void Printable_text_is_kept_as_it_is(string text) =>
        Assert.Same(text, DiagnosticText.Escape(text));
}
