using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using StapSharp.Compiler;
using StapSharp.Generators.Generation;

namespace StapSharp.Generators.Translation;

/// <summary>
/// The translations of probe scripts by <see cref="TranslationKeys">key</see>, shared by the generator
/// and the diagnostics analyzer of one process: the analyzer reuses what the generator translated for
/// the same sources instead of translating again. Holds the latest <see cref="Capacity"/> keys.
/// </summary>
internal static class SharedTranslations
{
    public const int Capacity = 4096;

    private static readonly ConcurrentDictionary<string, ClassTranslation> ByKey = new(StringComparer.Ordinal);
    private static readonly ConcurrentQueue<string> Oldest = new();

    /// <summary>Raised with a script's metadata name each time the translator runs on it (for tests and measurements).</summary>
    internal static event Action<string>? Translated;

    /// <summary>
    /// The script's translation: the one made for its key before, or a new one from <paramref name="compilation"/>,
    /// which must not hold the generated constants (see <see cref="ProbeScripts.WithoutGeneratedSources"/>).
    /// </summary>
    public static ClassTranslation Of(ProbeClass probeClass, Compilation compilation, CancellationToken cancellationToken)
    {
        if (ByKey.TryGetValue(probeClass.Key, out var known))
        {
            return known;
        }

        var translation = Translate(probeClass, compilation, cancellationToken);
        if (ByKey.TryAdd(probeClass.Key, translation))
        {
            Oldest.Enqueue(probeClass.Key);
            while (Oldest.Count > Capacity && Oldest.TryDequeue(out var evicted))
            {
                ByKey.TryRemove(evicted, out _);
            }
        }

        return translation;
    }

    private static ClassTranslation Translate(ProbeClass probeClass, Compilation compilation, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (probeClass.FindIn(compilation) is not { } script)
        {
            return new ClassTranslation(null, ScriptEvents.None, default);
        }

        Translated?.Invoke(probeClass.MetadataName);
        var output = ScriptCompiler.CompileWhereValid(compilation, script, cancellationToken);
        var compiled = output.Scripts.SingleOrDefault();
        return new ClassTranslation(compiled is null ? null : ScriptFacts.Of(compiled), compiled is null ? ScriptEvents.None : new ScriptEvents(compiled.Events), new([.. output.Diagnostics]));
    }
}
