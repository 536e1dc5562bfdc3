using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StapSharp.Analyzers.Tests.Support;
using StapSharp.Compiler;
using StapSharp.Generators.Analysis;
using StapSharp.Generators.Generation;
using StapSharp.Generators.Translation;
using static StapSharp.Analyzers.Tests.Support.GeneratorRuns;

namespace StapSharp.Analyzers.Tests.Translation;

public class SharedTranslationTests
{
    [Fact]
    public void Translating_each_script_gives_what_translating_them_all_gives()
    {
        const string scripts = ProbeSources.Usings + """
            public abstract class Counting : ProbeScript
            {
                protected static int shared;
            }

            namespace First
            {
                public sealed partial class Trace : Counting { [Probe("begin")] void B() => Println("first"); }
            }

            namespace Second
            {
                public sealed partial class Trace : Counting { [Probe("begin")] void B() => Println("second"); }
            }

            public sealed partial class Typing : ProbeScript { [Probe("begin")] void B() => Println(Missing); }

            public sealed class Fine : ProbeScript
            {
                static long n;

                #pragma warning disable STAP0300
                [Probe("begin")] void B() { n++; Println($"{n}"); }
            }

            public static class NotAScript { [Probe("begin")] public static void Lost() { } }
            """;
        var compilation = ProbeSources.Compile(("Scripts.cs", scripts));

        var whole = ScriptCompiler.CompileWhereValid(compilation);
        var each = ScriptCompiler.ProbeScriptsOf(compilation).Select(s => ScriptCompiler.CompileWhereValid(compilation, s)).ToList();

        Assert.Equal(whole.Scripts.Select(s => s.Text), each.SelectMany(o => o.Scripts).Select(s => s.Text));
        var diagnostics = each.SelectMany(o => o.Diagnostics).Concat(ScriptCompiler.ProbesOutsideScripts(compilation)).Distinct().ToList();
        Assert.Equal(whole.Diagnostics.ToHashSet(), diagnostics.ToHashSet());
        Assert.Equal(whole.Diagnostics.Count, diagnostics.Count);
        Assert.Contains(diagnostics, d => d.Id == "STAP0015");
        Assert.Contains(diagnostics, d => d.Id == "STAP0007");
    }

    [Fact]
    public async Task The_analyzer_reports_the_translations_the_generator_made_without_translating_again()
    {
        const string script = ProbeSources.Usings + """
            public sealed partial class SharedWithTheAnalyzer : ProbeScript
            {
                static int count;

                [Probe("begin")]
                void Begin() => Println("begin");
            }
            """;
        using var translations = new TranslationCount("SharedWithTheAnalyzer");
        var (_, output) = Run(ProbeSources.Compile(("Shared.cs", script)));
        Assert.Equal(1, translations.Count);

        var reported = await output.WithAnalyzers([new TranslatorDiagnosticAnalyzer()]).GetAnalyzerDiagnosticsAsync();

        Assert.Equal("STAP0003", Assert.Single(reported).Id);
        Assert.Equal(1, translations.Count);
    }

    [Fact]
    public async Task One_edit_among_a_hundred_scripts_translates_the_edited_one_once()
    {
        var source = ProbeSources.Usings + string.Concat(Enumerable.Range(0, 100).Select(i => $$"""

            public sealed partial class Hundred{{i}} : ProbeScript
            {
                static long calls;

                [Probe("syscall.mkdir")]
                void Enter(string argstr) { calls++; Println($"mkdir {argstr} #{calls}"); }
            }

            """));
        using var translations = new TranslationCount("Hundred");
        var compilation = ProbeSources.Compile(("Hundred.cs", source));
        var (driver, output) = Run(compilation);
        await output.WithAnalyzers([new TranslatorDiagnosticAnalyzer()]).GetAnalyzerDiagnosticsAsync();
        Assert.Equal(100, translations.Count);

        var edited = Edit(compilation, "Hundred.cs", "class Hundred42 : ProbeScript\n{\n    static long calls;", "class Hundred42 : ProbeScript\n{\n    static long calls = 1;");
        driver.RunGeneratorsAndUpdateCompilation(edited, out var editedOutput, out _);
        await editedOutput.WithAnalyzers([new TranslatorDiagnosticAnalyzer()]).GetAnalyzerDiagnosticsAsync();

        Assert.Equal(101, translations.Count);
        Assert.Equal(2, translations.Of("Hundred42"));
    }

    [Fact]
    public void An_edit_of_a_record_the_script_emits_translates_it_again()
    {
        const string script = ProbeSources.Usings + """
            public sealed partial class EmitsOpened : ProbeScript
            {
                [Probe("syscall.openat")]
                void Open(string filename) => Emit(new Opened(Pid(), filename));
            }
            """;
        const string record = "public sealed record Opened(long Pid, string Path);";
        var compilation = ProbeSources.Compile(("EmitsOpened.cs", script), ("Opened.cs", record));
        var (driver, _) = Run(compilation);

        var rerun = driver.RunGenerators(Edit(compilation, "Opened.cs", "string Path", "string File")).GetRunResult().Results.Single();

        var translation = Assert.Single(rerun.TrackedSteps[ProbeScriptGenerator.Steps.Translation].SelectMany(s => s.Outputs));
        Assert.Equal(IncrementalStepRunReason.Modified, translation.Reason);
        Assert.Contains("File", Assert.Single(rerun.GeneratedSources).SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_line_added_above_a_script_moves_its_diagnostics()
    {
        const string script = ProbeSources.Usings + """
            public sealed partial class Moves : ProbeScript
            {
                static int count;

                [Probe("begin")]
                void Begin() => Println("begin");
            }
            """;
        var compilation = ProbeSources.Compile(("Moves.cs", script));
        var (driver, output) = Run(compilation);
        var before = Assert.Single(await output.WithAnalyzers([new TranslatorDiagnosticAnalyzer()]).GetAnalyzerDiagnosticsAsync());

        var edited = Edit(compilation, "Moves.cs", "public sealed partial class Moves", "// A new line.\npublic sealed partial class Moves");
        driver.RunGeneratorsAndUpdateCompilation(edited, out var editedOutput, out _);
        var after = Assert.Single(await editedOutput.WithAnalyzers([new TranslatorDiagnosticAnalyzer()]).GetAnalyzerDiagnosticsAsync());

        Assert.Equal(before.Location.GetLineSpan().StartLinePosition.Line + 1, after.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public async Task A_script_whose_name_differs_only_in_case_is_read_for_the_file_name_they_share()
    {
        const string first = ProbeSources.Usings + "public sealed partial class clashcase : ProbeScript { [Probe(\"begin\")] void B() => Println(\"first\"); }";
        const string second = ProbeSources.Usings + "public sealed partial class ClashCase : ProbeScript { [Probe(\"begin\")] void B() => Println(\"second\"); }";
        var compilation = ProbeSources.Compile(("A.cs", first), ("B.cs", second));
        var (driver, output) = Run(compilation);
        var clash = Assert.Single(await output.WithAnalyzers([new TranslatorDiagnosticAnalyzer()]).GetAnalyzerDiagnosticsAsync());
        Assert.Equal("STAP0015", clash.Id);

        // The first script no longer translates (a C# error): the second owns its file name alone.
        var edited = Edit(compilation, "A.cs", "Println(\"first\")", "Println(Missing)");
        driver.RunGeneratorsAndUpdateCompilation(edited, out var editedOutput, out _);

        Assert.Empty(await editedOutput.WithAnalyzers([new TranslatorDiagnosticAnalyzer()]).GetAnalyzerDiagnosticsAsync());
    }

    /// <summary>Counts the translations of the scripts whose names start with a prefix (other tests translate at the same time).</summary>
    private sealed class TranslationCount : IDisposable
    {
        private readonly string _prefix;
        private readonly ConcurrentQueue<string> _translated = new();

        public TranslationCount(string prefix)
        {
            _prefix = prefix;
            SharedTranslations.Translated += OnTranslated;
        }

        public int Count => _translated.Count;

        public int Of(string name) => _translated.Count(n => n == name);

        public void Dispose() => SharedTranslations.Translated -= OnTranslated;

        private void OnTranslated(string name)
        {
            if (name.StartsWith(_prefix, StringComparison.Ordinal))
            {
                _translated.Enqueue(name);
            }
        }
    }
}
