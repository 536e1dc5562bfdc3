using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.Semantics;

/// <summary>
/// Sources that translate to nothing say so: no probe-script class at all is STAP0037 (at an abstract
/// probe script when there is one), and a [Probe] method of a class that is not a probe script is
/// STAP0007 at the method, since no script would ever run it.
/// </summary>
public sealed class NoProbeScriptTests
{
    [Fact]
    public void Sources_without_a_probe_script_are_an_error()
    {
        var output = TestCompiler.Compile(TestCompiler.Usings + "public static class Helpers { public static long Twice(long n) => 2 * n; }\n");
        Assert.Empty(output.Scripts);
        var error = Assert.Single(output.Diagnostics);
        Assert.Equal(("STAP0037", StapSeverity.Error), (error.Id, error.Severity));
        Assert.True(error.Span.IsNone);
        Assert.Contains("non-abstract class deriving from StapSharp.ProbeScript", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_an_abstract_probe_script_is_reported_at_it()
    {
        MarkedSource.AssertReported("STAP0037", TestCompiler.Usings + "public abstract class /*@*/Base : ProbeScript { [Probe(\"begin\")] void B() => Println(1); }\n");
    }

    [Theory]
    [InlineData("public sealed class NotAScript { [Probe(\"begin\")] void /*@*/B() => Println(1); }")]
    [InlineData("public struct NotAScript { [ProbeAlias(\"my.alias\", \"begin\")] void /*@*/A() { } }")]
    public void A_probe_method_no_script_would_run_is_reported_at_it(string types) =>
        MarkedSource.AssertReported("STAP0007", TestCompiler.Usings + types + "\n");

    [Fact]
    public void A_probe_method_outside_scripts_is_reported_beside_the_scripts()
    {
        var marked = TestCompiler.Usings + "public sealed class Script : ProbeScript { [Probe(\"begin\")] void B() => Println(1); }\n" +
                     "public sealed class Forgotten { [Probe(\"end\")] void /*@*/E() => Println(2); }\n";
        var output = TestCompiler.Compile(MarkedSource.Unmarked(marked));
        var error = Assert.Single(output.Diagnostics);
        Assert.Equal(("STAP0007", MarkedSource.Position(marked)), (error.Id, (error.Span.Line, error.Span.Column)));
        Assert.Contains("'Forgotten', which does not derive from StapSharp.ProbeScript", error.Message, StringComparison.Ordinal);
        Assert.True(output.HasErrors);
    }

    [Fact]
    public void The_advice_compiles()
    {
        // What both say: the class derives from ProbeScript.
        var script = TestCompiler.Single(TestCompiler.Usings + "public sealed class NotAScript : ProbeScript { [Probe(\"begin\")] void B() => Println(1); }\n");
        Assert.Contains("probe begin", script.Text, StringComparison.Ordinal);
    }
}
