using StapSharp.Compiler.Events;
using StapSharp.Compiler.Tests.Support;
using StapSharp.Protocol;

namespace StapSharp.Compiler.Tests.Events;

/// <summary>FNV-1a 64 against its published vectors, and the exact texts the wire format hashes.</summary>
public sealed class EventHashTests
{
    [Theory]
    [InlineData("", "cbf29ce484222325")]
    [InlineData("a", "af63dc4c8601ec8c")]
    [InlineData("foobar", "85944171f73967e8")]
    public void Fnv1a64_matches_the_reference_vectors(string text, string expected) =>
        Assert.Equal(expected, WireHash.Of(text));

    [Fact]
    public void Hash_is_over_utf8_bytes()
    {
        // "é" is C3 A9 in UTF-8: two rounds of xor-then-multiply from the offset basis.
        var expected = 0xcbf29ce484222325UL;
        foreach (var b in new byte[] { 0xC3, 0xA9 })
        {
            expected = unchecked((expected ^ b) * 0x100000001b3UL);
        }

        Assert.Equal(expected.ToString("x16", System.Globalization.CultureInfo.InvariantCulture), WireHash.Of("é"));
    }

    [Fact]
    public void Type_and_script_hashes_cover_the_documented_texts()
    {
        var script = TestCompiler.Single(TestCompiler.Usings + """
            namespace N
            {
                public enum Kind { A }
                public static class Outer { public sealed record Inner(long Id, Kind K); }
                public sealed record Plain(string Text, Errno E, bool B, ulong U, int I);
                public sealed class T : ProbeScript
                {
                    [Probe("begin")] void B() { Emit(new Plain("x", new Errno(-2), true, 1, 2)); Emit(new Outer.Inner(1, Kind.A)); }
                }
            }
            """);

        // Ids follow declaration order (Outer.Inner is declared first), not the order of the Emit calls.
        var inner = script.Events[0];
        var plain = script.Events[1];
        Assert.Equal("N.Outer+Inner|Id:i64|K:enum:N.Kind", inner.CanonicalText);
        Assert.Equal("N.Plain|Text:str|E:errno|B:bool|U:u64|I:i32", plain.CanonicalText);
        Assert.Equal(WireHash.Of("N.Outer+Inner|Id:i64|K:enum:N.Kind"), inner.TypeHash);
        var scriptHash = WireHash.Of(inner.TypeHash + "|" + plain.TypeHash);
        Assert.Contains($"printf(\"\\036S3 {scriptHash} 2 %2b\\n\", 1)", script.Text, StringComparison.Ordinal);
        Assert.Contains($"printf(\"\\036T0 N.Outer+Inner {inner.TypeHash} 2 Id:i64 K:enum:N.Kind\\n\")", script.Text, StringComparison.Ordinal);
        Assert.Contains($"printf(\"\\036T1 N.Plain {plain.TypeHash} 5 Text:str E:errno B:bool U:u64 I:i32\\n\")", script.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_script_without_Emit_has_no_events_and_no_schema_probe()
    {
        var script = TestCompiler.Single(TestCompiler.Class("[Probe(\"begin\")] void B() => Println(\"hi\");"));
        Assert.Empty(script.Events);
        Assert.Equal(string.Empty, script.EventDecoderSource);
        Assert.DoesNotContain("begin(-", script.Text, StringComparison.Ordinal);
    }
}
