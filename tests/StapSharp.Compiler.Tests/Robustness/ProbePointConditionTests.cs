using StapSharp.Compiler.ProbePoints;
using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.Robustness;

/// <summary>
/// A probe point's condition is parsed by a recursive grammar and kept as a tree: a chain of
/// prefix operators overflowed the parser's stack, and a long binary chain took time growing with
/// its square to print. Operators past <see cref="ProbePointParser.MaxOperators"/> are STAP0002 at
/// the first one past it.
/// </summary>
public sealed class ProbePointConditionTests
{
    private const string Marker = MarkedSource.Marker;

    private static string Probe(string point) =>
        TestCompiler.Class("static long x;\n[Probe(\"" + point + "\")] void B() { x = 1; }");

    [Theory]
    [InlineData("!", 20_000)]
    [InlineData("~", 20_000)]
    [InlineData("- ", 20_000)]
    public async Task A_prefix_chain_far_past_the_limit_is_reported_at_the_first_operator_past_it(string op, int count)
    {
        var chain = string.Concat(Enumerable.Repeat(op, ProbePointParser.MaxOperators)) + Marker + string.Concat(Enumerable.Repeat(op, count - ProbePointParser.MaxOperators));
        await SafetyNet.Run(() => MarkedSource.AssertReported("STAP0002", Probe("begin if (" + chain + "x)")));
    }

    [Fact]
    public async Task A_binary_chain_far_past_the_limit_is_reported_at_the_first_operator_past_it()
    {
        var terms = Enumerable.Repeat("x", 20_000).ToList();
        var chain = string.Join(" + ", terms.Take(ProbePointParser.MaxOperators + 1)) + " " + Marker + "+ " + string.Join(" + ", terms.Skip(ProbePointParser.MaxOperators + 1));
        await SafetyNet.Run(() => MarkedSource.AssertReported("STAP0002", Probe("begin if (" + chain + ")")));
    }

    [StapFact]
    public void A_condition_at_the_limit_translates_and_stap_parses_it()
    {
        var condition = string.Concat(Enumerable.Repeat("!", ProbePointParser.MaxOperators - 1)) + "x > 0";
        var script = TestCompiler.Single(Probe("begin if (" + condition + ")"));
        var (exitCode, _, stderr) = StapTool.Run(script.Text, pass: 1);
        Assert.True(exitCode == 0, $"stap -p1 rejected the condition:\n{stderr}");
    }

    [Fact]
    public void Operators_inside_string_literals_do_not_count()
    {
        var glob = string.Concat(Enumerable.Repeat("-+", ProbePointParser.MaxOperators));
        var result = ProbePointParser.Parse("process(\"/usr/bin/" + glob + "\").function(\"main\")");
        Assert.True(result.Success, result.Error?.Message);
    }
}
