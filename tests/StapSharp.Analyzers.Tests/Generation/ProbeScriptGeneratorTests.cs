using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using StapSharp.Analyzers.Tests.Support;
using StapSharp.Compiler;
using StapSharp.Generators.Analysis;
using StapSharp.Generators.Generation;
using static StapSharp.Analyzers.Tests.Support.GeneratorRuns;

namespace StapSharp.Analyzers.Tests.Generation;

public class ProbeScriptGeneratorTests
{
    private const string Script = ProbeSources.Usings + """
        namespace Samples.Tracing;

        /// <summary>Counts mkdir calls.</summary>
        public sealed partial class MkdirCount : ProbeScript
        {
            static long count;

            // Each call counts once.
            [Probe("syscall.mkdir")]
            void Enter(string argstr) { count++; Println($"mkdir \"{argstr}\" #{count}"); }
        }
        """;

    private const string Helper = "namespace Samples.Tracing; public static class Unrelated { public static int Twice(int x) => 2 * x; }";

    [Fact]
    public void The_constant_holds_the_script_the_translator_emits_and_compiles()
    {
        var compilation = ProbeSources.Compile(("MkdirCount.cs", Script), ("Unrelated.cs", Helper));
        var (driver, output) = Run(compilation);

        var generated = Assert.Single(driver.GetRunResult().GeneratedTrees);
        Assert.EndsWith("Samples.Tracing.MkdirCount.StapScript.g.cs", generated.FilePath, StringComparison.Ordinal);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));

        var constant = output.GetTypeByMetadataName("Samples.Tracing.MkdirCount")!.GetMembers(GeneratedScript.MemberName).OfType<IFieldSymbol>().Single();
        var expected = Assert.Single(ScriptCompiler.Compile(compilation).Scripts).Text;
        Assert.Equal(expected, constant.ConstantValue);
        Assert.Contains("probe syscall.mkdir", expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Code_using_the_constant_and_a_broken_script_do_not_stop_the_others()
    {
        const string user = "namespace Samples.Tracing; public static class Show { public static string Text => MkdirCount.StapScript; }";
        const string broken = ProbeSources.Usings + "public sealed partial class Broken : ProbeScript { [Probe(\"begin\")] void Begin() => Println(Missing); }";
        var (driver, output) = Run(ProbeSources.Compile(("MkdirCount.cs", Script), ("Show.cs", user), ("Broken.cs", broken)));

        Assert.EndsWith("MkdirCount.StapScript.g.cs", Assert.Single(driver.GetRunResult().GeneratedTrees).FilePath, StringComparison.Ordinal);
        var error = Assert.Single(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Equal("CS0103", error.Id);
    }

    [Fact]
    public void A_host_referencing_the_runtime_gets_decoders_of_the_emitted_events()
    {
        const string events = ProbeSources.Usings + """
            namespace Demo;

            public sealed record Opened(long Pid, string Path);

            public sealed class Opens : ProbeScript
            {
                [Probe("syscall.openat")]
                void Open(string filename) => Emit(new Opened(Pid(), filename));
            }
            """;
        var runtime = MetadataReference.CreateFromFile(typeof(StapSharp.Runtime.Events.EventDecoderRegistry).Assembly.Location);
        var host = ProbeSources.Compile(("Opens.cs", events)).AddReferences(runtime);
        var (driver, output) = Run(host);

        var decoders = Assert.Single(driver.GetRunResult().GeneratedTrees);
        Assert.EndsWith(ProbeScriptGenerator.EventDecodersHintName, decoders.FilePath, StringComparison.Ordinal);
        var expected = Assert.Single(ScriptCompiler.Compile(ProbeSources.Compile(("Opens.cs", events))).Scripts).EventDecoderSource;
        Assert.Equal(expected, decoders.GetText().ToString());
        Assert.Contains("IEventDecoder<global::Demo.Opened>", expected, StringComparison.Ordinal);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        // Without StapSharp.Runtime nothing could decode them: no decoders, no broken build.
        var (withoutRuntime, _) = Run(ProbeSources.Compile(("Opens.cs", events)));
        Assert.Empty(withoutRuntime.GetRunResult().GeneratedTrees);
    }

    [Fact]
    public void A_non_partial_probe_script_gets_no_source()
    {
        var compilation = ProbeSources.Compile(("MkdirCount.cs", Script.Replace("sealed partial class", "sealed class", StringComparison.Ordinal)));
        var (driver, output) = Run(compilation);

        Assert.Empty(driver.GetRunResult().GeneratedTrees);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void A_script_with_translator_errors_gets_no_source()
    {
        var compilation = ProbeSources.Compile(("MkdirCount.cs", Script.Replace("static long count;", "static int count;", StringComparison.Ordinal)));
        var (driver, _) = Run(compilation);

        Assert.Empty(driver.GetRunResult().GeneratedTrees);
    }

    [Fact]
    public async Task The_analyzer_does_not_translate_the_generated_constant_as_a_global()
    {
        var (_, output) = Run(ProbeSources.Compile(("MkdirCount.cs", Script)));
        Assert.Equal(2, output.SyntaxTrees.Count());

        var diagnostics = await output.WithAnalyzers([new TranslatorDiagnosticAnalyzer()]).GetAnalyzerDiagnosticsAsync();

        Assert.Empty(diagnostics);
        Assert.DoesNotContain("StapScript", ScriptCompiler.Compile(Generators.ProbeScripts.WithoutGeneratedSources(output)).Scripts.Single().Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("// Each call counts once.", "// Every call counts, once.")]
    [InlineData("/// <summary>Counts mkdir calls.</summary>", "/// <summary>Counts calls of mkdir(2).</summary>")]
    public void A_comment_edit_re_emits_nothing(string before, string after)
    {
        var compilation = ProbeSources.Compile(("MkdirCount.cs", Script), ("Unrelated.cs", Helper));
        var (driver, _) = Run(compilation);

        var edited = Edit(compilation, "MkdirCount.cs", before, after);
        var rerun = driver.RunGenerators(edited).GetRunResult().Results.Single();

        // The translation does not run again (no token of the script moved)...
        Assert.All(rerun.TrackedSteps[ProbeScriptGenerator.Steps.Translation].SelectMany(s => s.Outputs),
            o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        // ...so the per-script outputs, which feed AddSource, are not produced anew.
        var scripts = rerun.TrackedSteps[ProbeScriptGenerator.Steps.Scripts].SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(scripts);
        Assert.All(scripts, o => Assert.Contains(o.Reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
        Assert.All(rerun.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            o => Assert.Contains(o.Reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
    }

    [Fact]
    public void An_edit_of_another_file_re_emits_nothing()
    {
        var compilation = ProbeSources.Compile(("MkdirCount.cs", Script), ("Unrelated.cs", Helper));
        var (driver, _) = Run(compilation);

        var rerun = driver.RunGenerators(Edit(compilation, "Unrelated.cs", "2 * x", "x + x")).GetRunResult().Results.Single();

        Assert.All(rerun.TrackedSteps[ProbeScriptGenerator.Steps.ProbeClasses].SelectMany(s => s.Outputs),
            o => Assert.Contains(o.Reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
        Assert.All(rerun.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            o => Assert.Contains(o.Reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
    }

    [Fact]
    public void An_edit_that_changes_the_script_re_emits_it()
    {
        var compilation = ProbeSources.Compile(("MkdirCount.cs", Script));
        var (driver, _) = Run(compilation);

        var rerunDriver = driver.RunGenerators(Edit(compilation, "MkdirCount.cs", "count++;", "count += 2;"));
        var rerun = rerunDriver.GetRunResult().Results.Single();

        Assert.Contains(rerun.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("count += 2", rerun.GeneratedSources.Single().SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Options_without_a_hash_code_as_the_command_line_compiler_gives_them_do_not_stop_the_generator()
    {
        var compilation = ProbeSources.Compile(("MkdirCount.cs", Script));
        compilation = compilation.WithOptions(compilation.Options.WithSyntaxTreeOptionsProvider(new UnhashableTreeOptions()));

        var (driver, _) = Run(compilation);

        Assert.Single(driver.GetRunResult().GeneratedTrees);
    }

    /// <summary>Per-file options as csc makes them from .editorconfig: they throw when asked for a hash code.</summary>
    private sealed class UnhashableTreeOptions : SyntaxTreeOptionsProvider
    {
        public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) => GeneratedKind.NotGenerated;

        public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            severity = ReportDiagnostic.Default;
            return false;
        }

        public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            severity = ReportDiagnostic.Default;
            return false;
        }

        public override bool Equals(object? obj) => ReferenceEquals(this, obj);

        public override int GetHashCode() => throw new NotImplementedException();
    }

    private const string Sibling = """

        public sealed partial class RmdirCount : ProbeScript
        {
            static long removed;

            [Probe("syscall.rmdir")]
            void Enter(string argstr) { removed++; Println($"rmdir \"{argstr}\" #{removed}"); }
        }
        """;

    [Fact]
    public void A_comment_edit_in_the_probe_file_translates_nothing_again()
    {
        var compilation = ProbeSources.Compile(("MkdirCount.cs", Script + Sibling), ("Unrelated.cs", Helper));
        var (driver, _) = Run(compilation);

        var rerun = driver.RunGenerators(Edit(compilation, "MkdirCount.cs", "// Each call counts once.", "// Every call counts, once.")).GetRunResult().Results.Single();

        AssertSkipped(TranslationsOf(rerun), expectedCount: 2);
    }

    [Fact]
    public void An_edit_of_an_unrelated_file_translates_nothing_again()
    {
        var compilation = ProbeSources.Compile(("MkdirCount.cs", Script + Sibling), ("Unrelated.cs", Helper));
        var (driver, _) = Run(compilation);

        var rerun = driver.RunGenerators(Edit(compilation, "Unrelated.cs", "2 * x", "x + x")).GetRunResult().Results.Single();

        AssertSkipped(TranslationsOf(rerun), expectedCount: 2);
    }

    [Fact]
    public void An_edit_of_a_sibling_probe_class_translates_that_class_only()
    {
        var compilation = ProbeSources.Compile(("MkdirCount.cs", Script + Sibling), ("Unrelated.cs", Helper));
        var (driver, _) = Run(compilation);

        var rerun = driver.RunGenerators(Edit(compilation, "MkdirCount.cs", "removed++;", "removed += 2;")).GetRunResult().Results.Single();

        // One translation per class: the edited one runs again, the other is skipped.
        var translations = TranslationsOf(rerun);
        Assert.Single(translations, o => o.Reason == IncrementalStepRunReason.Cached);
        Assert.Single(translations, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Equal(2, translations.Count);
        var scripts = rerun.TrackedSteps[ProbeScriptGenerator.Steps.Scripts].SelectMany(s => s.Outputs).ToDictionary(o => ((GeneratedScript)o.Value).Class.DisplayName, o => o.Reason);
        Assert.Equal(IncrementalStepRunReason.Cached, scripts["Samples.Tracing.MkdirCount"]);
        Assert.Equal(IncrementalStepRunReason.Modified, scripts["Samples.Tracing.RmdirCount"]);
    }

    /// <summary>The outputs of the translation step: each ran again (New, Modified, Unchanged) or was skipped (Cached).</summary>
    private static List<IncrementalStepOutput> TranslationsOf(GeneratorRunResult result) =>
        [.. result.TrackedSteps[ProbeScriptGenerator.Steps.Translation].SelectMany(s => s.Outputs).Select(o => new IncrementalStepOutput(o.Value, o.Reason))];

    private static void AssertSkipped(List<IncrementalStepOutput> translations, int expectedCount)
    {
        Assert.All(translations, o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.Equal(expectedCount, translations.Count);
    }

    private sealed record IncrementalStepOutput(object Value, IncrementalStepRunReason Reason);

    [Fact]
    public async Task A_source_type_named_like_the_API_is_not_the_API_in_the_compiler_either()
    {
        const string shadow = """
            namespace StapSharp
            {
                public static class Stap
                {
                    [StapFunction("println(\"x\") } probe begin { system(\"id\") } function zz() { if (0) zz")]
                    public static void Hello() { }
                }
            }
            """;
        const string script = ProbeSources.Usings + "public sealed partial class Shadowed : ProbeScript { [Probe(\"begin\")] void B() => Hello(); }";
        var compilation = ProbeSources.Compile(("Stap.cs", shadow), ("Shadowed.cs", script));

        var (driver, _) = Run(compilation);
        var reported = await compilation.WithAnalyzers([new TranslatorDiagnosticAnalyzer()]).GetAnalyzerDiagnosticsAsync();

        Assert.Empty(driver.GetRunResult().GeneratedTrees);
        Assert.Contains(reported, d => d.Id == "STAP0006" && d.Location.SourceTree?.FilePath == "Shadowed.cs");
    }
}
