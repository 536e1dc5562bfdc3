using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.Security;

/// <summary>
/// User text echoed in a diagnostic (a path, a name, a file name) can neither drive the terminal
/// (ESC sequences) nor forge a diagnostic line of its own (line ends): both are shown escaped.
/// </summary>
public sealed class DiagnosticEscapingTests
{
    private const string Forged = "\u001b[2J\u001b[32mok\nScript.cs(1,1): error STAP9999: forged\r\u202e";

    [Fact]
    public void A_target_path_with_escape_sequences_and_line_ends_is_shown_escaped()
    {
        var source = TestCompiler.Class("[Probe(\"begin\")] void B() { long x = Var.Long(\"" + Escaped(Forged) + "\"); }");

        var error = Assert.Single(TestCompiler.Errors(source), e => e.Id == "STAP0250");

        AssertPrintable(error.ToString());
        Assert.Contains("\\e[2J\\e[32mok\\nScript.cs(1,1): error STAP9999: forged\\r\\u202e", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_name_with_a_line_end_is_shown_escaped()
    {
        var output = TestCompiler.Compile(TestCompiler.Class("static int n;\n[Probe(\"begin\")] void B() { }"), "x\nScript.cs(1,1): error STAP9999: forged.cs");

        var error = Assert.Single(output.Diagnostics, e => e.Id == "STAP0003");

        AssertPrintable(error.ToString());
        Assert.StartsWith("x\\nScript.cs(1,1): error STAP9999: forged.cs(", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_way_a_message_is_formed_is_escaped()
    {
        var formatted = DiagnosticCatalog.BadTargetPath.At(SourceSpan.None, Forged);
        var direct = new StapDiagnostic("X", StapSeverity.Error, Forged, SourceSpan.None);
        var replaced = direct with { Message = Forged };

        Assert.All(new[] { formatted, direct, replaced }, d => AssertPrintable(d.Message));
    }

    [Fact]
    public void Printable_text_is_left_as_it_is()
    {
        const string text = "größe \"quoted\" back\\slash 🙂";

        Assert.Equal(text, DiagnosticText.Escape(text));
    }

    private static void AssertPrintable(string text) =>
        Assert.DoesNotContain(text, c => char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format);

    /// <summary>The text as the content of a C# string literal.</summary>
    private static string Escaped(string text) =>
        string.Concat(text.Select(c => c is < ' ' or > '~' ? $"\\u{(int)c:X4}" : c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c.ToString()));
}
