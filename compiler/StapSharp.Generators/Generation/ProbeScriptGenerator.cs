using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StapSharp.Compiler;
using StapSharp.Compiler.Events;

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
        public const string EventDecoders = nameof(EventDecoders);
    }

    /// <summary>The hint name of the event decoders' file.</summary>
    public const string EventDecodersHintName = "StapSharp.EventDecoders.g.cs";

    private const string EventDecoderRegistryMetadataName = "StapSharp.Runtime.Events.EventDecoderRegistry";

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
        var translation = probeClasses
            .Combine(context.CompilationProvider)
            .Select(static (input, cancellationToken) => Translate(input.Left, input.Right, cancellationToken))
            .WithTrackingName(Steps.Translation);
        var scripts = translation
            .SelectMany(static (result, _) => result.Scripts)
            .WithTrackingName(Steps.Scripts);
        var eventDecoders = translation
            .Select(static (result, _) => result.EventDecoders)
            .WithTrackingName(Steps.EventDecoders);

        context.RegisterSourceOutput(scripts, static (output, script) => output.AddSource(script.Class.HintName, script.ToSource()));
        context.RegisterSourceOutput(eventDecoders, static (output, source) =>
        {
            if (source.Length > 0)
            {
                output.AddSource(EventDecodersHintName, source);
            }
        });
    }

    private static ProbeClassShape? ShapeOfProbeScript(ISymbol? symbol) =>
        symbol is INamedTypeSymbol { IsAbstract: false } type && ProbeScripts.DerivesFromProbeScript(type)
            ? ProbeClassShape.From(type)
            : null;

    private static Translation Translate(ImmutableArray<ProbeClassShape> classes, Compilation compilation, CancellationToken cancellationToken)
    {
        if (classes.IsEmpty)
        {
            return Translation.None;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var output = ScriptCompiler.CompileWhereValid(ProbeScripts.WithoutGeneratedSources(compilation), cancellationToken);
        var byName = output.Scripts.ToDictionary(s => s.FullName, StringComparer.Ordinal);
        var scripts = new EquatableArray<GeneratedScript>(
        [
            .. classes
                .Where(c => c.CanExtend && byName.ContainsKey(c.DisplayName))
                .Distinct()
                .OrderBy(c => c.DisplayName, StringComparer.Ordinal)
                .Select(c => new GeneratedScript(c, byName[c.DisplayName].Text)),
        ]);
        return new Translation(scripts, EventDecodersFor(output, compilation));
    }

    /// <summary>
    /// The host decoders of every event record the scripts emit, for a project that can decode
    /// them (one referencing StapSharp.Runtime); empty otherwise. Decoders need no partial class.
    /// </summary>
    private static string EventDecodersFor(CompilationOutput output, Compilation compilation)
    {
        if (compilation.GetTypeByMetadataName(EventDecoderRegistryMetadataName) is null)
        {
            return string.Empty;
        }

        try
        {
            return EventDecoderSource.Generate([.. output.Scripts.SelectMany(s => s.Events)]);
        }
        catch (ArgumentException)
        {
            // Two schemas of one record with different fields: within one compilation a record has
            // one shape, so this should not happen; if it did, no decoder beats a wrong one.
            return string.Empty;
        }
    }

    /// <summary>What one translation produced, compared by value.</summary>
    private sealed record Translation(EquatableArray<GeneratedScript> Scripts, string EventDecoders)
    {
        public static readonly Translation None = new(default, string.Empty);
    }
}
