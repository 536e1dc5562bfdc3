using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.Printing;

/// <summary>
/// What stap's parser reads differently from the way the C# is written: a line starting with ++ or --
/// continues the statement before it, and the key parts of a multi-key membership test are parsed
/// above ?:, ||, &amp;&amp;, |, ^ and &amp;. The scripts must parse and keep every statement apart.
/// </summary>
public sealed class StatementJoinTests
{
    [StapFact]
    public void A_prefix_increment_statement_stays_a_statement_of_its_own()
    {
        var script = TestCompiler.Single(TestCompiler.Class("""
            static long x, y, z;
            [Probe("begin")] void B() { x = y; ++z; y = x; --z; Println(x + y + z); }
            """));

        var (exitCode, dump, stderr) = StapTool.Run(script.Text, 1, script.ClassName);
        Assert.True(exitCode == 0, stderr);
        Assert.Contains("(x) = (y);\n(z)++;\n(y) = (x);\n(z)--;\n", dump, StringComparison.Ordinal);
    }

    [StapFact]
    public void Loose_key_parts_of_a_membership_test_parse()
    {
        var script = TestCompiler.Single(TestCompiler.Class("""
            static StapMap<(long, long), long> m;
            static long a = 1, b = 2;
            [Probe("begin")] void B() { m[(1, 2)] = 3; if (m.ContainsKey((a > b ? a : b, a | b)) && m.ContainsKey((a ^ b, a & b))) Println("in"); }
            """));

        var (exitCode, _, stderr) = StapTool.Run(script.Text, 1, script.ClassName);
        Assert.True(exitCode == 0, stderr);
    }
}
