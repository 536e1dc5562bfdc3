using StapSharp.Analyzers.Tests.Support;
using StapSharp.Generators.Analysis;

namespace StapSharp.Analyzers.Tests.Analysis;

public class TranslatorDiagnosticTests
{
    [Fact]
    public async Task Translator_errors_are_reported_at_their_token_with_their_message()
    {
        const string source = ProbeSources.Usings + """
            public sealed partial class Broken : ProbeScript
            {
                static int {|#0:count|};

                [Probe("begin")]
                void Begin() => Println({|#1:"n="|} + 1L);
            }
            """;
        await Verifier<TranslatorDiagnosticAnalyzer>.AnalyzerAsync(source,
            Verifier<TranslatorDiagnosticAnalyzer>.Diagnostic("STAP0003").WithLocation(0)
                .WithArguments("Type 'int' has no SystemTap equivalent: stap computes every integer in 64 bits, so its overflow differs from C#'s; use long"),
            Verifier<TranslatorDiagnosticAnalyzer>.Diagnostic("STAP0004").WithLocation(1).WithArguments(
                "SystemTap has no implicit conversion between long and string: wrap the number in Sprint(...) or use an interpolated string"));
    }

    [Fact]
    public async Task A_script_with_a_CSharp_error_does_not_hide_another_scripts_errors()
    {
        const string source = ProbeSources.Usings + """
            public sealed partial class Typing : ProbeScript
            {
                [Probe("begin")]
                void Begin() => Println({|CS0103:Missing|});
            }

            public sealed partial class Broken : ProbeScript
            {
                static int {|STAP0003:count|};

                [Probe("begin")]
                void Begin() => Println("begin");
            }
            """;
        await Verifier<TranslatorDiagnosticAnalyzer>.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_probe_point_error_points_into_the_string()
    {
        const string source = ProbeSources.Usings + """
            public sealed partial class Broken : ProbeScript
            {
                [Probe("kernel.function({|STAP0002:foo)|}")]
                void Hit() => Println("hit");
            }
            """;
        await Verifier<TranslatorDiagnosticAnalyzer>.AnalyzerAsync(source);
    }

    [Fact]
    public async Task Nesting_deeper_than_the_translator_takes_is_reported_where_it_passes_the_limit()
    {
        // 254 nested blocks, the statement and x++: x is the 257th level.
        var source = ProbeSources.Usings + "public sealed partial class Deep : ProbeScript\n{\n    static long x;\n\n    [Probe(\"begin\")]\n    void Begin()\n    {\n" +
            new string('{', 254) + "{|STAP0025:x|}++;" + new string('}', 254) + "\n    }\n}\n";
        await Verifier<TranslatorDiagnosticAnalyzer>.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_valid_script_and_a_project_without_probe_scripts_report_nothing()
    {
        const string source = ProbeSources.Usings + """
            public sealed partial class Fine : ProbeScript
            {
                static long count;

                [Probe("syscall.mkdir")]
                void Enter(string argstr) { count++; Println($"mkdir({argstr}) #{count}"); }
            }
            """;
        await Verifier<TranslatorDiagnosticAnalyzer>.AnalyzerAsync(source);
        await Verifier<TranslatorDiagnosticAnalyzer>.AnalyzerAsync("public static class Plain { public static int Twice(int x) => 2 * x; }");
    }
}
