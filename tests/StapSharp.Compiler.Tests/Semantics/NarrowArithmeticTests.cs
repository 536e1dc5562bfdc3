using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.Semantics;

/// <summary>
/// C# computes int and uint operations in 32 bits, stap every integer in 64: a non-constant 32-bit
/// operation whose result differs for ordinary values is STAP0039 at the operation; constants are
/// written as the value C# computed, and int arithmetic that agrees short of overflow is left alone.
/// </summary>
public sealed class NarrowArithmeticTests
{
    private const string Globals = "static long c, n;\n";

    [Theory]
    [InlineData("long a = /*@*/(c > 0 ? 1 : 0) << 63;")]
    [InlineData("long a = /*@*/(int)n >> 40;")]
    [InlineData("long a = /*@*/~(uint)n;")]
    [InlineData("long a = /*@*/(uint)n - 1;")]
    [InlineData("Println($\"{c} /*@*/{-7:x}\");")]
    [InlineData("Println($\"/*@*/{(int)n:X}\");")]
    public void A_32_bit_operation_is_reported_where_it_is_written(string statements) =>
        MarkedSource.AssertReported("STAP0039", TestCompiler.Class(Globals + "[Probe(\"begin\")] void B() { " + statements + " }"));

    [Fact]
    public void Its_advice_translates_and_constants_are_the_value_CSharp_computed()
    {
        var script = TestCompiler.Single(TestCompiler.Class(Globals +
            "[Probe(\"begin\")] void B() { long a = (c > 0 ? 1L : 0L) << 63; long b = 1 << 40; long d = (long)n * 3; Println($\"{a} {b} {d} {-7L:x} {7:x}\"); }"));

        Assert.Contains("<< 63", script.Text, StringComparison.Ordinal);
        Assert.Contains("b = 256", script.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_constant_shift_count_is_printed_as_the_six_bits_both_use()
    {
        // stap's run time masks a count to six bits as C# does, but its constant folder clamps it to 64 and has no
        // case for >>>: a count already masked, and >>> as a shift and a mask, mean the same in every pass.
        var script = TestCompiler.Single(TestCompiler.Class(Globals +
            "[Probe(\"begin\")] void B() { long a = c << 65; long b = c >> 66; long d = c >>> 1; long e = c >>> 64; Println($\"{a} {b} {d} {e}\"); }"));

        Assert.Contains("a = c << 1\n", script.Text, StringComparison.Ordinal);
        Assert.Contains("b = c >> 2\n", script.Text, StringComparison.Ordinal);
        Assert.Contains("d = (c >> 1) & 9223372036854775807\n", script.Text, StringComparison.Ordinal);
        Assert.Contains("e = c\n", script.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(">>>", script.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Int_arithmetic_that_agrees_short_of_overflow_is_left_alone()
    {
        var output = TestCompiler.Compile(TestCompiler.Class(Globals + "[Probe(\"begin\")] void B() { string s = ExecName(); long a = s.Length + 1; long b = ~s.Length; long d = -s.Length * 2; Println($\"{a} {b} {d}\"); }"));

        Assert.DoesNotContain(output.Diagnostics, d => d.Id == "STAP0039");
        Assert.Single(output.Scripts);
    }

    [Fact]
    public void A_32_bit_shift_by_a_cast_count_is_one_diagnostic_whose_advice_translates()
    {
        // The count's (int) cast is what C# needs: only the 32-bit shift is wrong, and 1L << (int)n fixes it.
        var output = TestCompiler.Compile(TestCompiler.Class(Globals + "[Probe(\"begin\")] void B() { long m = 1 << (int)n; Println(m); }"));
        Assert.Equal(["STAP0039"], output.Diagnostics.Where(d => d.Severity == StapSeverity.Error).Select(d => d.Id));

        var fixedScript = TestCompiler.Single(TestCompiler.Class(Globals + "[Probe(\"begin\")] void B() { long m = 1L << (int)n; Println(m); }"));
        Assert.Contains("1 << n", fixedScript.Text, StringComparison.Ordinal);
    }
}
