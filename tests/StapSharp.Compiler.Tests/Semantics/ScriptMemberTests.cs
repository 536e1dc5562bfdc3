using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.Semantics;

/// <summary>
/// Every member a probe script declares is translated or reported: operators, conversions, finalizers
/// and explicit interface implementations are errors at their declaration; a method without a body
/// (extern without [EmbeddedC], a partial method without implementation) is never an empty function;
/// a partial method runs its implementing part's body; [ScriptArgument] on a const is an error.
/// </summary>
public sealed class ScriptMemberTests
{
    private const string Begin = "[Probe(\"begin\")] void B() { Println(1); }\n";

    public static TheoryData<string, string> Cases() => new()
    {
        { "STAP0001", "public static T operator /*@*/+(T a, T b) => a;" },
        { "STAP0001", "public static implicit operator /*@*/long(T a) => 1;" },
        { "STAP0001", "public static explicit operator /*@*/string(T a) => \"\";" },
        { "STAP0001", "~/*@*/T() { Println(1); }" },
        { "STAP0001", "void System.IDisposable./*@*/Dispose() { }" },
        { "STAP0001", "long /*@*/this[long i] => i;" },
        { "STAP0011", "static extern long /*@*/Ticks();" },
        { "STAP0011", "static partial void /*@*/Hook(long n);\n[Probe(\"end\")] void E() { Hook(1); }" },
        { "STAP0255", "[/*@*/ScriptArgument(1)] const long Limit = 5;" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_member_that_would_be_left_out_is_reported_at_its_place(string id, string member)
    {
        var interfaces = member.Contains("IDisposable", StringComparison.Ordinal) ? ", System.IDisposable" : string.Empty;
        var marked = TestCompiler.Usings + $"public sealed partial class T : ProbeScript{interfaces}\n{{\n" + Begin + member + "\n}\n";
        MarkedSource.AssertReported(id, marked);
    }

    [Fact]
    public void A_partial_method_runs_the_body_of_its_implementation()
    {
        var script = TestCompiler.Single(TestCompiler.Usings + """
            public sealed partial class T : ProbeScript
            {
                private static partial long Next(long x);
                private static partial long Next(long x) => x + 1;
                [Probe("begin")] void B() => Println(Next(1));
            }
            """);
        Assert.Contains("function Next:long (x:long)\n{\n  return x + 1\n}\n", script.Text, StringComparison.Ordinal);
    }

    [Theory]
    // STAP0011 for extern: write the body in C#.
    [InlineData("static long Ticks() => GetTimeOfDayNs();\n[Probe(\"end\")] void E() => Println(Ticks());")]
    // STAP0011 for a partial method: implement it.
    [InlineData("static partial void Hook(long n);\nstatic partial void Hook(long n) { Println(n); }\n[Probe(\"end\")] void E() { Hook(1); }")]
    // STAP0255 for a const: static instead.
    [InlineData("[ScriptArgument(1)] static long Limit = 5;\n[Probe(\"end\")] void E() => Println(Limit);")]
    // STAP0001 for a finalizer: an end probe.
    [InlineData("[Probe(\"end\")] void E() { Println(1); }")]
    public void The_advice_compiles(string members)
    {
        var script = TestCompiler.Single(TestCompiler.Usings + "public sealed partial class T : ProbeScript\n{\n" + Begin + members + "\n}\n");
        Assert.Contains("probe end", script.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_const_advice_names_the_declaration_to_write()
    {
        var error = Assert.Single(TestCompiler.Errors(TestCompiler.Class(Begin + "[ScriptArgument(1)] const long Limit = 5;")));
        Assert.Contains("(static long Limit = 5;)", error.Message, StringComparison.Ordinal);
    }
}
