using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.Security;

/// <summary>
/// Renaming is injective: C# names that spell alike in stap (a keyword and its renamed form,
/// a non-ASCII name and its <c>_uXXXX</c> spelling) still become different stap names, in every
/// namespace, and the names the translator makes up never meet the user's.
/// </summary>
public sealed class NameCollisionTests
{
    [Fact]
    public void A_method_named_like_a_keyword_and_one_named_like_its_renaming_stay_two_functions()
    {
        var script = TestCompiler.Single(TestCompiler.Class("""
            static long @next(long x) => 1;
            static long next_(long x) => 2;
            [Probe("begin")] void B() => Println(@next(0) + next_(0));
            """));

        Assert.Contains("function next_:long (x:long)", script.Text);
        Assert.Contains("function next__2:long (x:long)", script.Text);
        Assert.Contains("println(next_(0) + next__2(0))", script.Text);
    }

    [Fact]
    public void A_non_ASCII_global_and_one_named_like_its_spelling_stay_two_globals()
    {
        var script = TestCompiler.Single(TestCompiler.Class("""
            static long é = 1;
            static long _u00E9 = 2;
            [Probe("begin")] void B() => Println(é + _u00E9);
            """));

        Assert.Contains("global _u00E9 = 1\nglobal _u00E9_2 = 2\n", script.Text);
        Assert.Contains("println(_u00E9 + _u00E9_2)", script.Text);
    }

    [Fact]
    public void Overloads_by_arity_share_one_stap_name_and_stay_apart_from_others()
    {
        var script = TestCompiler.Single(TestCompiler.Class("""
            static long @long(long x) => x;
            static long @long(long x, long y) => x + y;
            static long long_(long x) => 3;
            [Probe("begin")] void B() => Println(@long(1) + @long(1, 2) + long_(4));
            """));

        Assert.Contains("println((long_(1) + long_(1, 2)) + long__2(4))", script.Text);
    }

    [Fact]
    public void Locals_the_translator_makes_up_never_take_a_users_name()
    {
        var script = TestCompiler.Single(TestCompiler.Usings + """
            public sealed record E(string Name);
            public sealed class T : ProbeScript
            {
                static StapMap<long, long> m = new();
                [Probe("begin")]
                void B()
                {
                    string ev_Name = "mine";
                    long e_key = 1;
                    Emit(new E(ev_Name));
                    foreach (var e in m) Println(e.Key + e_key);
                }
            }
            """);

        Assert.Contains("ev_Name = \"mine\"", script.Text);
        Assert.Contains("ev_Name_2 = ev_Name", script.Text);
        Assert.Contains("foreach (e_value = e_key_2 in m)", script.Text);
    }

    [Fact]
    public void Many_locals_of_one_name_get_consecutive_suffixes_around_taken_ones()
    {
        var scope = new Naming.ScriptNames(new HashSet<string>()).NewBodyScope();
        Assert.True(scope.TryClaimExact("x_3"));

        var names = Enumerable.Range(0, 1000).Select(_ => scope.Claim("x")).ToList();

        Assert.Equal(["x", "x_2", "x_4", "x_5"], names.Take(4));
        Assert.Equal("x_1001", names[^1]);
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [StapFact]
    public void Stap_accepts_the_renamed_names()
    {
        var script = TestCompiler.Single(TestCompiler.Class("""
            static long é = 1;
            static long _u00E9 = 2;
            static long @next(long x) => 1;
            static long next_(long x) => 2;
            [Probe("begin")] void B() { Println(é + _u00E9 + @next(0) + next_(0)); Exit(); }
            """));

        foreach (var pass in new[] { 1, 2 })
        {
            var (exitCode, _, stderr) = StapTool.Run(script.Text, pass);
            Assert.True(exitCode == 0, $"stap -p{pass}:\n{stderr}\n{script.Text}");
        }
    }
}
