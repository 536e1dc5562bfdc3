using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.Diagnostics;

/// <summary><c>#pragma warning disable</c> silences the translator's warnings where the C# compiler would silence its own.</summary>
public sealed class PragmaSuppressionTests
{
    private const string Globals = "static long total, count, other;\n";

    private static List<string> Warnings(string members) =>
        TestCompiler.Compile(TestCompiler.Class(members)).Diagnostics.Select(d => $"{d.Id}@{d.Span.Line}").ToList();

    [Fact]
    public void A_disabled_warning_is_silent_until_it_is_restored()
    {
        var members = Globals +
            "[Probe(\"begin\")] void B()\n{\n" +
            "#pragma warning disable STAP0300\n" +
            "    Println($\"{total / count}\");\n" +
            "#pragma warning restore STAP0300\n" +
            "    Println($\"{total / other}\");\n}";
        var restoredLine = TestCompiler.Class(members).Split('\n').ToList().FindIndex(l => l.Contains("total / other", StringComparison.Ordinal)) + 1;

        Assert.Equal([$"STAP0300@{restoredLine}"], Warnings(members));
    }

    [Fact]
    public void A_bare_disable_silences_every_warning_and_another_id_silences_none()
    {
        var bare = Warnings(Globals + "#pragma warning disable\n[Probe(\"begin\")] void B() => Println($\"{total / count}\");");
        var other = Warnings(Globals + "#pragma warning disable STAP0202, CS0168\n[Probe(\"begin\")] void B() => Println($\"{total / count}\");");
        var unsilenced = Warnings(Globals + "[Probe(\"begin\")] void B() => Println($\"{total / count}\");");

        Assert.Empty(bare);
        Assert.Equal(unsilenced.Select(w => w.Split('@')[0]), other.Select(w => w.Split('@')[0]));
        Assert.Contains(unsilenced, w => w.StartsWith("STAP0300@", StringComparison.Ordinal));
    }

    [Fact]
    public void An_error_is_never_silenced()
    {
        var output = TestCompiler.Compile(TestCompiler.Class("#pragma warning disable\nstatic int n;\n[Probe(\"begin\")] void B() { }"));

        Assert.Contains(output.Diagnostics, d => d.Id == "STAP0003");
        Assert.Empty(output.Scripts);
    }
}
