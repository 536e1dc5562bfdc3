using System.Text.RegularExpressions;
using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.Ports;

/// <summary>
/// samples/README.md's quick start pairs each <c>```stap</c> block with the <c>```csharp</c> block after
/// it. Each C# block (the body of a probe class) must translate, and the real <c>stap -p1</c> must
/// give it the same parse tree as the stap block, after <see cref="ParseTreeDump"/>'s normalisation,
/// leaving out the translation's <c>probe never</c>: stap never runs it, it only keeps stap from
/// printing globals the C# writes and never reads (see samples/README.md).
/// </summary>
public sealed partial class QuickStartTests
{
    private static readonly string ReadmePath = Path.Combine(Snapshot.RepositoryRoot(), "samples", "README.md");

    private static IReadOnlyList<(string Stap, string CSharp)> Pairs()
    {
        var text = File.ReadAllText(ReadmePath);
        var start = text.IndexOf("## The SystemTap quick start in C#", StringComparison.Ordinal);
        Assert.True(start >= 0, "samples/README.md has no quick start section");
        var blocks = CodeBlock().Matches(text[start..]).Select(m => (Language: m.Groups["language"].Value, Code: m.Groups["code"].Value)).ToList();
        var pairs = new List<(string, string)>();
        for (var i = 0; i + 1 < blocks.Count; i++)
        {
            if (blocks[i].Language == "stap" && blocks[i + 1].Language == "csharp")
            {
                pairs.Add((blocks[i].Code, blocks[i + 1].Code));
            }
        }

        return pairs;
    }

    public static TheoryData<int> Examples() => new(Enumerable.Range(0, Pairs().Count));

    [Fact]
    public void Every_stap_example_has_its_csharp_form()
    {
        var text = File.ReadAllText(ReadmePath);
        var stapBlocks = CodeBlock().Matches(text).Count(m => m.Groups["language"].Value == "stap");
        Assert.True(Pairs().Count >= 10, $"{Pairs().Count} pairs");
        Assert.Equal(stapBlocks, Pairs().Count);
    }

    [StapTheory]
    [MemberData(nameof(Examples))]
    public void Csharp_form_has_the_parse_tree_of_the_stap_example(int index)
    {
        var (stap, csharp) = Pairs()[index];
        var script = TestCompiler.Single(TestCompiler.Class(csharp));
        Assert.Equal(Tree(stap, "stap example"), Tree(NeverProbe().Replace(script.Text, string.Empty), "translated C#:\n" + script.Text));
    }

    private static string Tree(string script, string what)
    {
        var (exitCode, dump, stderr) = StapTool.Run(script, 1);
        Assert.True(exitCode == 0, $"stap -p1 rejects the {what}\n{stderr}");
        return ParseTreeDump.Normalize(dump);
    }

    [GeneratedRegex(@"^probe never\n\{\n.*?^\}\n", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex NeverProbe();

    [GeneratedRegex(@"^```(?<language>\w+)\n(?<code>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex CodeBlock();
}
