using StapSharp.Compiler.Binding;
using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.Robustness;

/// <summary>
/// A build-time condition becomes stap's <c>%( %)</c> form, an OR of ANDs: <c>&amp;&amp;</c> spread
/// over <c>||</c> doubles the form per part, so its size is counted on the C# condition first and a
/// condition past <see cref="PreprocessorBinder.MaxComparisons"/> is reported instead of built.
/// </summary>
public sealed class BuildConditionLimitTests
{
    private const string Marker = MarkedSource.Marker;

    /// <summary>n parts (V || A) joined by &amp;&amp;: 2^n conjunctions of n comparisons.</summary>
    private static string Pairs(int n) =>
        string.Join(" && ", Enumerable.Range(0, n).Select(i => $"(Kernel.VersionAtLeast(\"5.{i}\") || Kernel.Arch == \"a{i}\")"));

    /// <summary>n parts !(V &amp;&amp; A) joined by &amp;&amp;: the negations spread the same way.</summary>
    private static string NegatedPairs(int n) =>
        string.Join(" && ", Enumerable.Range(0, n).Select(i => $"!(Kernel.VersionAtLeast(\"5.{i}\") && Kernel.Arch == \"a{i}\")"));

    private static string IfProbe(string condition) =>
        TestCompiler.Class("static long x;\n[Probe(\"begin\")]\nvoid B()\n{\n    if (" + Marker + condition + ")\n        x = 1;\n    else\n        x = 2;\n}");

    [Theory]
    [InlineData(18)]
    [InlineData(22)]
    public async Task The_reproducers_are_reported_at_the_condition(int parts)
    {
        await SafetyNet.Run(() => MarkedSource.AssertReported("STAP0027", IfProbe(NegatedPairs(parts))));
        await SafetyNet.Run(() => MarkedSource.AssertReported("STAP0027", IfProbe(Pairs(parts))));
    }

    [Fact]
    public void A_condition_whose_form_needs_more_comparisons_than_the_limit_is_reported()
    {
        // 5 parts: 32 conjunctions of 5 = 160 comparisons.
        MarkedSource.AssertReported("STAP0027", IfProbe(Pairs(5)));
    }

    [Fact]
    public void A_conditional_expression_is_held_to_the_same_limit()
    {
        var source = TestCompiler.Class("static long x;\n[Probe(\"begin\")] void B() { x = " + Marker + Pairs(5) + " ? 1 : 2; }");
        MarkedSource.AssertReported("STAP0027", source);
    }

    [StapFact]
    public void A_condition_at_the_limit_translates_and_stap_parses_it()
    {
        // 4 parts: 16 conjunctions of 4 = 64 comparisons, exactly the limit.
        Assert.Equal(64, PreprocessorBinder.MaxComparisons);
        var script = TestCompiler.Single(MarkedSource.Unmarked(IfProbe(Pairs(4))));
        Assert.Equal(64, CountOf(script.Text, "kernel_v") + CountOf(script.Text, "arch =="));
        var (exitCode, _, stderr) = StapTool.Run(script.Text, pass: 1);
        Assert.True(exitCode == 0, $"stap -p1 rejected the condition:\n{stderr}");
    }

    [Fact]
    public void The_advice_nested_ifs_translate_with_a_form_linear_in_the_condition()
    {
        // What the diagnostic says to write: each && part in an if of its own.
        var nested = string.Concat(Enumerable.Range(0, 18).Select(i => $"if (Kernel.VersionAtLeast(\"5.{i}\") || Kernel.Arch == \"a{i}\")\n")) + "x = 1;";
        var script = TestCompiler.Single(TestCompiler.Class("static long x;\n[Probe(\"begin\")]\nvoid B()\n{\n" + nested + "\n}"));
        Assert.Equal(36, CountOf(script.Text, "kernel_v") + CountOf(script.Text, "arch =="));
    }

    private static int CountOf(string text, string part) =>
        (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;
}
