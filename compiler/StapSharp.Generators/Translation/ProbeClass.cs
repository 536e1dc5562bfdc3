using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using StapSharp.Compiler;
using StapSharp.Generators.Generation;

namespace StapSharp.Generators.Translation;

/// <summary>
/// A probe script as plain values: how to find it again (its metadata name), where its generated part
/// goes (<see cref="Shape"/>) and the key of its translation. Equal when nothing it could read changed.
/// </summary>
internal sealed record ProbeClass(string MetadataName, ProbeClassShape Shape, string Key)
{
    /// <summary>The probe scripts of a compilation, in the order the translator takes them.</summary>
    public static ImmutableArray<ProbeClass> AllIn(Compilation compilation, CancellationToken cancellationToken)
    {
        var scripts = ScriptCompiler.ProbeScriptsOf(compilation);
        if (scripts.Count == 0)
        {
            return [];
        }

        var keys = TranslationKeys.For(compilation, cancellationToken);
        var all = ImmutableArray.CreateBuilder<ProbeClass>(scripts.Count);
        foreach (var script in scripts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var metadataName = MetadataNameOf(script);
            all.Add(new ProbeClass(metadataName, ProbeClassShape.From(script), keys.KeyOf(script, metadataName)));
        }

        return all.MoveToImmutable();
    }

    /// <summary>The script with this class's metadata name in <paramref name="compilation"/>, or null.</summary>
    public INamedTypeSymbol? FindIn(Compilation compilation) =>
        ScriptCompiler.ProbeScriptsOf(compilation).FirstOrDefault(s => MetadataNameOf(s) == MetadataName);

    private static string MetadataNameOf(INamedTypeSymbol type) =>
        type.ContainingType is { } outer ? MetadataNameOf(outer) + "+" + type.MetadataName
        : type.ContainingNamespace is { IsGlobalNamespace: false } ns ? MetadataNameOf(ns) + "." + type.MetadataName
        : type.MetadataName;

    private static string MetadataNameOf(INamespaceSymbol ns) =>
        ns.ContainingNamespace is { IsGlobalNamespace: false } outer ? MetadataNameOf(outer) + "." + ns.MetadataName : ns.MetadataName;
}
