using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.Security;

/// <summary>
/// A script's file is its class name (NAME.stp): two probe scripts that would share one file are
/// an error at the second, so neither silently overwrites the other.
/// </summary>
public sealed class ScriptFileNameTests
{
    private const string Probe = "[Probe(\"begin\")] void B() => Exit();";

    public static TheoryData<string, string> Clashes() => new()
    {
        { "two namespaces", $"namespace A {{ public sealed class T : ProbeScript {{ {Probe} }} }}\nnamespace B {{ public sealed class /*@*/T : ProbeScript {{ {Probe} }} }}" },
        { "nested and top level", $"public sealed class T : ProbeScript {{ {Probe} }}\npublic static class Outer {{ public sealed class /*@*/T : ProbeScript {{ {Probe} }} }}" },
        { "generic and not", $"public sealed class T : ProbeScript {{ {Probe} }}\npublic sealed class /*@*/T<X> : ProbeScript {{ {Probe} }}" },
        { "names differing in case", $"public sealed class Trace : ProbeScript {{ {Probe} }}\npublic sealed class /*@*/TRACE : ProbeScript {{ {Probe} }}" },
    };

    [Theory]
    [MemberData(nameof(Clashes))]
    public void A_second_script_with_the_same_file_name_is_an_error_at_its_class(string clash, string marked)
    {
        var source = TestCompiler.Usings + marked;
        var (line, column) = MarkedSource.Position(source);

        var output = TestCompiler.Compile(MarkedSource.Unmarked(source));

        Assert.True(output.Diagnostics.Any(d => d.Id == "STAP0015" && d.Span.Line == line && d.Span.Column == column),
            $"{clash}: expected STAP0015 at ({line},{column}); got:\n{string.Join("\n", output.Diagnostics)}");
        Assert.Single(output.Scripts);
    }

    [Fact]
    public void Scripts_with_distinct_names_keep_their_class_names_as_file_names()
    {
        var output = TestCompiler.Compile(TestCompiler.Usings +
            $"namespace A {{ public sealed class Opens : ProbeScript {{ {Probe} }} }}\nnamespace B {{ public sealed class Closes : ProbeScript {{ {Probe} }} }}");

        Assert.False(output.HasErrors, string.Join("\n", output.Diagnostics));
        Assert.Equal(["Opens.stp", "Closes.stp"], output.Scripts.Select(s => s.FileName));
    }
}
