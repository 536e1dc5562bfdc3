using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using StapSharp.Compiler;
using StapSharp.Generators.Analysis;
using StapSharp.Generators.Generation;

namespace StapSharp.Benchmarks.Translation;

/// <summary>
/// One edit in a file of 100 probe scripts, until the IDE has its diagnostics: the generator's run on the
/// edited compilation and the translator-diagnostics analyzer on its output. The baseline is the work
/// one edit cost when both translated the whole compilation from scratch: once for the generator, once
/// more for the analyzer on a compilation without the generated constants (its own bindings).
/// Each iteration edits a different value, so no translation of an earlier iteration can be reused.
/// </summary>
public class EditToDiagnosticsBenchmarks
{
    private const int Scripts = 100;
    private const string Edited = "Hundred42";

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private CSharpCompilation _original = null!;
    private GeneratorDriver _driver = null!;
    private ImmutableArray<SyntaxTree> _generated;
    private Compilation _edited = null!;
    private int _edit;

    [GlobalSetup]
    public void Setup()
    {
        var references = ProbeScriptReferences.Create(typeof(ProbeScript).Assembly.Location);
        _original = CSharpCompilation.Create("ProbeScripts", [CSharpSyntaxTree.ParseText(Source(0), ParseOptions, "Hundred.cs")], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        _driver = CSharpGeneratorDriver.Create([new ProbeScriptGenerator().AsSourceGenerator()], parseOptions: ParseOptions)
            .RunGeneratorsAndUpdateCompilation(_original, out var output, out _);
        _generated = [.. output.SyntaxTrees.Except(_original.SyntaxTrees)];
        Diagnostics(output);
    }

    [IterationSetup]
    public void Edit()
    {
        _edit++;
        _edited = _original.ReplaceSyntaxTree(_original.SyntaxTrees[0], CSharpSyntaxTree.ParseText(Source(_edit), ParseOptions, "Hundred.cs"));
    }

    [Benchmark(Baseline = true)]
    public int WholeCompilationTwice()
    {
        var forGenerator = ScriptCompiler.CompileWhereValid(_edited);
        var forAnalyzer = ScriptCompiler.CompileWhereValid(_edited.AddSyntaxTrees(_generated).RemoveSyntaxTrees(_generated));
        return forGenerator.Scripts.Count + forAnalyzer.Diagnostics.Count;
    }

    [Benchmark]
    public int GeneratorAndAnalyzer()
    {
        _driver.RunGeneratorsAndUpdateCompilation(_edited, out var output, out _);
        return Diagnostics(output);
    }

    private static int Diagnostics(Compilation compilation) =>
        compilation.WithAnalyzers([new TranslatorDiagnosticAnalyzer()]).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult().Length;

    /// <summary>The 100 scripts, <see cref="Edited"/> counting from <paramref name="start"/>.</summary>
    private static string Source(int start) =>
        "using StapSharp;\nusing static StapSharp.Stap;\n" + string.Concat(Enumerable.Range(0, Scripts).Select(i => $$"""

            public sealed partial class Hundred{{i}} : ProbeScript
            {
                static long calls = {{(("Hundred" + i) == Edited ? start : 0)}};

                [Probe("syscall.mkdir")]
                void Enter(string argstr) { calls++; Println($"mkdir {argstr} #{calls}"); }
            }

            """));
}
