using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using StapSharp.Compiler.Events;
using StapSharp.Generators.Translation;

namespace StapSharp.Generators.Generation;

/// <summary>
/// Adds to every partial probe-script class a constant <c>StapScript</c> holding the .stp text the
/// translator emits for it, and <c>Script</c>, the same text as an object with its source map and build options. Each script is translated on its own, again only when its
/// <see cref="TranslationKeys">key</see> (a hash of every source it could read) changes: a comment,
/// another file or another script leaves the others' translations as they were. Diagnostics are
/// reported by <see cref="Analysis.TranslatorDiagnosticAnalyzer"/>, from the same translations.
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
        // The scripts and their keys, found by the translator's own discovery; they compare by value,
        // so a class whose key did not change is "Unchanged" and nothing after it runs again.
        var probeClasses = context.CompilationProvider
            .SelectMany(static (compilation, cancellationToken) => ProbeClass.AllIn(compilation, cancellationToken))
            .WithTrackingName(Steps.ProbeClasses);

        // The translator needs the compilation; it rides along in a handle compared by nothing but
        // the class, so it neither re-runs a translation nor keeps an old compilation alive.
        var compilations = context.CompilationProvider.Select(static (compilation, _) => new CompilationHandle(compilation));
        var translations = probeClasses
            .Combine(compilations)
            .WithComparer(CompilationHandle.IgnoredIn<ProbeClass>.Comparer)
            .Select(static (input, cancellationToken) =>
                new ProbeClassTranslation(input.Left, SharedTranslations.Of(input.Left, ProbeScripts.WithoutGeneratedSources(input.Right.Compilation), cancellationToken)))
            .WithTrackingName(Steps.Translation);

        // Only the script (text, source map, build options) feeds a file: a diagnostic that moves re-emits nothing.
        // The script object needs the API's TranslatedScript, which a StapSharp older than this generator lacks.
        var objectWanted = context.CompilationProvider
            .Select(static (compilation, _) => compilation.GetTypeByMetadataName(GeneratedScript.ObjectTypeMetadataName) is not null);
        var scripts = translations
            .Where(static t => t.Class.Shape.CanExtend && t.Result.Script is not null)
            .Combine(objectWanted)
            .Select(static (input, _) => new GeneratedScript(input.Left.Class.Shape, input.Left.Result.Script!, input.Right))
            .WithTrackingName(Steps.Scripts);
        var decodersWanted = context.CompilationProvider
            .Select(static (compilation, _) => compilation.GetTypeByMetadataName(EventDecoderRegistryMetadataName) is not null);
        var eventDecoders = translations
            .Select(static (t, _) => t.Result.Events)
            .Collect()
            .Combine(decodersWanted)
            .Select(static (input, _) => input.Right ? EventDecodersFor(input.Left) : string.Empty)
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

    /// <summary>
    /// The host decoders of every event record the scripts emit, for a project that can decode
    /// them (one referencing StapSharp.Runtime). Decoders need no partial class.
    /// </summary>
    private static string EventDecodersFor(ImmutableArray<ScriptEvents> events)
    {
        try
        {
            return EventDecoderSource.Generate([.. events.SelectMany(e => e.Types)]);
        }
        catch (ArgumentException)
        {
            // Two schemas of one record with different fields: within one compilation a record has
            // one shape, so this should not happen; if it did, no decoder beats a wrong one.
            return string.Empty;
        }
    }

    /// <summary>A probe script and its translation.</summary>
    private sealed record ProbeClassTranslation(ProbeClass Class, ClassTranslation Result);
}
