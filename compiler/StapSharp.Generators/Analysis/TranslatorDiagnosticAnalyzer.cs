using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StapSharp.Compiler;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Generators.Translation;

namespace StapSharp.Generators.Analysis;

/// <summary>
/// Reports the translator's diagnostics (STAP0001-0399) at their C# places. An analyzer rather than
/// the generator reports them: the IDE runs analyzers on the open document as it is typed, their
/// severities follow .editorconfig and #pragma, and code fixes attach to them. It does not translate
/// again what the generator translated: both take each script's translation from
/// <see cref="SharedTranslations"/> by its key, so the analyzer translates only what no generator
/// run did for the same sources (a host without the generator, or one that ran it elsewhere).
/// A script with C# errors in its own declarations is left to the C# compiler's errors; the others
/// are still translated, so one broken class does not hide the rest.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TranslatorDiagnosticAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        [.. StapDescriptors.All.Where(d => d.Category == StapDescriptors.TranslationCategory)];

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (StapSharpApi.Type(start.Compilation, ProbeScripts.ProbeScriptMetadataName) is null)
            {
                return;
            }

            // Once per compilation, shared by the documents it reports into.
            var diagnostics = new Lazy<IReadOnlyList<StapDiagnostic>>(() => DiagnosticsOf(start.Compilation, start.CancellationToken));
            start.RegisterSemanticModelAction(model => Report(model, diagnostics.Value));
        });
    }

    /// <summary>Every script's diagnostics, and those of probes outside any script (the same set the whole compilation's translation gives).</summary>
    private static IReadOnlyList<StapDiagnostic> DiagnosticsOf(Compilation compilation, CancellationToken cancellationToken)
    {
        // The translator must not see the generated constants (a constant field would become a stap global).
        var userCompilation = ProbeScripts.WithoutGeneratedSources(compilation);
        var diagnostics = ProbeClass.AllIn(compilation, cancellationToken)
            .SelectMany(probeClass => SharedTranslations.Of(probeClass, userCompilation, cancellationToken).Diagnostics)
            .Concat(ScriptCompiler.ProbesOutsideScripts(userCompilation, cancellationToken));

        // Scripts sharing a base class report its problems once.
        return [.. diagnostics.Distinct()];
    }

    private static void Report(SemanticModelAnalysisContext context, IReadOnlyList<StapDiagnostic> diagnostics)
    {
        var tree = context.SemanticModel.SyntaxTree;
        foreach (var diagnostic in diagnostics)
        {
            // C# errors are the C# compiler's to report; only this document's problems go here.
            if (StapDescriptors.ForId(diagnostic.Id) is not { Category: StapDescriptors.TranslationCategory } descriptor ||
                diagnostic.Span.IsNone || diagnostic.Span.FilePath != tree.FilePath)
            {
                continue;
            }

            var location = SourceLocations.In(tree, diagnostic.Span, context.CancellationToken);
            context.ReportDiagnostic(Diagnostic.Create(descriptor, location, diagnostic.Message));
        }
    }
}
