using StapSharp.Compiler.Limits;
using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.Robustness;

/// <summary>
/// The emitted script grows linearly with the C#: for each construct, the bytes of output per
/// repeated unit stay under a constant at every size up to its limit. Sizes, not times: the size is
/// what made the time grow (an else-if chain of 4,000 branches printed 110 MB, one nesting level
/// deeper per branch).
/// </summary>
public sealed class OutputGrowthTests
{
    /// <summary>A construct, a unit of it, and the most bytes one unit may print (a few lines at the deepest indentation).</summary>
    public static TheoryData<string, int> Constructs() => new()
    {
        { "else-if", 64 },
        { "blocks", 160 },
        { "while", 240 },
        { "foreach", 240 },
        { "try", 480 },
        { "sum", 16 },
    };

    [Theory]
    [MemberData(nameof(Constructs))]
    public void Bytes_per_unit_stay_under_a_constant_up_to_the_limit(string construct, int maxBytesPerUnit)
    {
        var largest = construct == "else-if" ? NestingLimit.MaxElseIfChain : NestingLimit.MaxDepth - 4;
        foreach (var units in new[] { largest / 8, largest / 4, largest / 2, largest })
        {
            var script = TestCompiler.Single(Source(construct, units));
            var perUnit = (double)script.Text.Length / units;
            Assert.True(perUnit <= maxBytesPerUnit, $"{construct} x{units}: {script.Text.Length} bytes, {perUnit:F1} per unit (at most {maxBytesPerUnit})");
        }
    }

    private static string Source(string construct, int n) => construct switch
    {
        "else-if" => Probe("if (x == 0) x = 1;\n" + string.Concat(Enumerable.Range(1, n - 1).Select(i => $"else if (x == {i}) x = {i + 1};\n"))),
        "blocks" => Probe(Repeat("{", n) + "x++;" + Repeat("}", n)),
        "while" => Probe(Repeat("while (x > 0)\n", n) + "x--;"),
        "foreach" => TestCompiler.Class("static long x;\nstatic StapMap<long, long> m = new();\n[Probe(\"begin\")]\nvoid B()\n{\nm[0] = 0;\n" +
            string.Concat(Enumerable.Range(0, n).Select(i => $"foreach (var (k{i}, v{i}) in m)\n")) + "x += k0;\n}"),
        "try" => Probe(Repeat("try {\n", n) + "x++;\n" + Repeat("} catch (StapException e) { x = 0; }\n", n)),
        "sum" => Probe("x = " + string.Join(" + ", Enumerable.Repeat("x", n)) + ";"),
        _ => throw new ArgumentOutOfRangeException(nameof(construct), construct, null),
    };

    private static string Probe(string body) =>
        TestCompiler.Class("static long x;\n[Probe(\"begin\")]\nvoid B()\n{\n" + body + "\n}");

    private static string Repeat(string text, int count) => string.Concat(Enumerable.Repeat(text, count));
}
