using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StapSharp.Compiler;

namespace StapSharp.Generators.Analysis;

/// <summary>
/// Runs the translator over the compilation and reports its diagnostics (STAP0001-0399) at their
/// C# places. An analyzer rather than the generator reports them: the IDE runs analyzers on the
/// open document as it is typed, their severities follow .editorconfig and #pragma, and code fixes
/// attach to them; and the generator's pipeline stays free of locations (see ProbeScriptGenerator).
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

            // One translation per compilation, shared by the documents it reports into.
            var translation = new Lazy<CompilationOutput>(() => ScriptCompiler.CompileWhereValid(ProbeScripts.WithoutGeneratedSources(start.Compilation), start.CancellationToken));
            start.RegisterSemanticModelAction(model => Report(model, translation.Value));
        });
    }

    private static void Report(SemanticModelAnalysisContext context, CompilationOutput output)
    {
        var tree = context.SemanticModel.SyntaxTree;
        foreach (var diagnostic in output.Diagnostics)
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
