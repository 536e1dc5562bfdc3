using StapSharp.Analyzers.Tests.Support;
using StapSharp.Generators.Analysis;
using StapSharp.Generators.CodeFixes;

namespace StapSharp.Analyzers.Tests.Analysis;

public class NotPartialTests
{
    [Fact]
    public async Task A_sealed_probe_script_is_made_partial()
    {
        const string source = ProbeSources.Usings + """
            public sealed class {|#0:Trace|} : ProbeScript
            {
                [Probe("begin")]
                void Begin() => Println("hi");
            }
            """;
        const string fixedSource = ProbeSources.Usings + """
            public sealed partial class Trace : ProbeScript
            {
                [Probe("begin")]
                void Begin() => Println("hi");
            }
            """;
        await Verifier<NotPartialAnalyzer>.CodeFixAsync<MakePartialCodeFix>(source, fixedSource,
            Verifier<NotPartialAnalyzer>.Diagnostic("STAP0400").WithLocation(0).WithArguments("Trace", "Trace"));
    }

    [Fact]
    public async Task The_enclosing_class_of_a_nested_probe_script_must_be_partial_too()
    {
        const string source = ProbeSources.Usings + """
            public static class {|#0:Scripts|}
            {
                public sealed partial class Trace : ProbeScript
                {
                    [Probe("begin")]
                    void Begin() => Println("hi");
                }
            }
            """;
        const string fixedSource = ProbeSources.Usings + """
            public static partial class Scripts
            {
                public sealed partial class Trace : ProbeScript
                {
                    [Probe("begin")]
                    void Begin() => Println("hi");
                }
            }
            """;
        await Verifier<NotPartialAnalyzer>.CodeFixAsync<MakePartialCodeFix>(source, fixedSource,
            Verifier<NotPartialAnalyzer>.Diagnostic("STAP0400").WithLocation(0).WithArguments("Scripts", "Trace"));
    }

    [Fact]
    public async Task Partial_abstract_and_unrelated_classes_are_not_reported()
    {
        const string source = ProbeSources.Usings + """
            public sealed partial class Trace : ProbeScript
            {
                [Probe("begin")]
                void Begin() => Println("hi");
            }

            public abstract class Base : ProbeScript { }

            public sealed class Unrelated { }
            """;
        await Verifier<NotPartialAnalyzer>.AnalyzerAsync(source);
    }
}
