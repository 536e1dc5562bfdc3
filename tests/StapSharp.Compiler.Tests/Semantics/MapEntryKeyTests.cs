using System.Text.RegularExpressions;
using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.Semantics;

/// <summary>
/// <c>foreach (var e in map)</c> over a map with tuple keys: each part of <c>e.Key</c>, by its ItemN
/// or its element name, is the loop's stap variable for that key part (the documented form).
/// </summary>
public sealed partial class MapEntryKeyTests
{
    [StapFact]
    public void Each_key_part_of_an_entry_reads_its_loop_variable()
    {
        var script = TestCompiler.Single(TestCompiler.Class("""
            static StapMap<(string Name, long Pid, long Tid), long> m;
            [Probe("begin")] void B() { m[("a", 1, 2)] = 3; foreach (var e in m) Println($"{e.Key.Tid} {e.Key.Item1} {e.Key.Pid} {e.Value}"); }
            """));

        var loop = ForeachHeader().Match(script.Text);
        Assert.True(loop.Success, script.Text);
        var (name, pid, tid, value) = (loop.Groups["k1"].Value, loop.Groups["k2"].Value, loop.Groups["k3"].Value, loop.Groups["value"].Value);
        Assert.Contains($"printf(\"%d %s %d %d\\n\", {tid}, {name}, {pid}, {value})", script.Text, StringComparison.Ordinal);
        var (exitCode, _, stderr) = StapTool.Run(script.Text, 2, script.ClassName);
        Assert.True(exitCode == 0, stderr);
    }

    [GeneratedRegex(@"foreach \((?<value>\w+) = \[(?<k1>\w+), (?<k2>\w+), (?<k3>\w+)\] in m\)")]
    private static partial Regex ForeachHeader();
}
