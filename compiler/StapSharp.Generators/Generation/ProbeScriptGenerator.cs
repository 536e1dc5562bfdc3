using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StapSharp.Compiler;

namespace StapSharp.Generators.Generation;

/// <summary>
/// Adds to every partial probe-script class a constant <c>StapScript</c> holding the .stp text the
/// translator emits for it. Diagnostics are not reported here but by
/// <see cref="Analysis.TranslatorDiagnosticAnalyzer"/>: that keeps this pipeline free of
/// <see cref="Location"/>s, so its outputs compare by value and an edit that leaves the script as it
/// was (a comment, a blank line's spaces, another file) re-emits nothing.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ProbeScriptGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline's steps, for incrementality tests.</summary>
    public static class Steps
    {
        public const string ProbeClasses = nameof(ProbeClasses);
        public const string Translation = nameof(Translation);
        public const string Scripts = nameof(Scripts);
    }

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Cheap syntax filter first; the semantic check runs only for classes with a base list.
        var probeClasses = context.SyntaxProvider
            .CreateSyntaxProvider(
                static (node, _) => node is ClassDeclarationSyntax { BaseList: not null },
                static (syntax, cancellationToken) => ShapeOfProbeScript(syntax.SemanticModel.GetDeclaredSymbol(syntax.Node, cancellationToken)))
            .Where(static shape => shape is not null)
            .Select(static (shape, _) => shape!)
            .WithTrackingName(Steps.ProbeClasses)
            .Collect();

        // The translator needs the whole compilation (helpers, globals, the StapSharp API); it runs
        // again on each change, but its result compares by value, so unchanged scripts stop here.
        var scripts = probeClasses
            .Combine(context.CompilationProvider)
            .Select(static (input, cancellationToken) => Translate(input.Left, input.Right, cancellationToken))
            .WithTrackingName(Steps.Translation)
            .SelectMany(static (generated, _) => generated)
            .WithTrackingName(Steps.Scripts);

        context.RegisterSourceOutput(scripts, static (output, script) => output.AddSource(script.Class.HintName, script.ToSource()));
    }

    private static ProbeClassShape? ShapeOfProbeScript(ISymbol? symbol) =>
        symbol is INamedTypeSymbol { IsAbstract: false } type && ProbeScripts.DerivesFromProbeScript(type)
            ? ProbeClassShape.From(type)
            : null;

    private static EquatableArray<GeneratedScript> Translate(ImmutableArray<ProbeClassShape> classes, Compilation compilation, CancellationToken cancellationToken)
    {
        var extendable = classes.Where(c => c.CanExtend).Distinct().ToList();
        if (extendable.Count == 0)
        {
            return default;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var output = ScriptCompiler.CompileWhereValid(ProbeScripts.WithoutGeneratedSources(compilation), cancellationToken);
        var byName = output.Scripts.ToDictionary(s => s.FullName, StringComparer.Ordinal);
        return new EquatableArray<GeneratedScript>(
        [
            .. extendable
                .Where(c => byName.ContainsKey(c.DisplayName))
                .OrderBy(c => c.DisplayName, StringComparer.Ordinal)
                .Select(c => new GeneratedScript(c, byName[c.DisplayName].Text)),
        ]);
    }
}
