using Microsoft.CodeAnalysis;
using StapSharp.Compiler;

namespace StapSharp.Generators;

/// <summary>Recognising probe scripts and the StapSharp API in a compilation.</summary>
internal static class ProbeScripts
{
    public const string ProbeScriptMetadataName = "StapSharp.ProbeScript";
    public const string ProbeAttributeMetadataName = "StapSharp.ProbeAttribute";
    public const string TargetAttributeMetadataName = "StapSharp.TargetAttribute";
    public const string StapMapMetadataName = "StapSharp.StapMap`2";
    public const string StapMetadataName = "StapSharp.Stap";

    /// <summary>The suffix of every file this assembly generates.</summary>
    public const string GeneratedSuffix = ".g.cs";

    /// <summary>
    /// The compilation as the user wrote it. Analyzers see the generated <c>StapScript</c>
    /// constants too; the translator must not (a constant field would become a stap global).
    /// </summary>
    public static Compilation WithoutGeneratedSources(Compilation compilation)
    {
        var generated = compilation.SyntaxTrees.Where(IsGeneratedScript).ToList();
        return generated.Count == 0 ? compilation : compilation.RemoveSyntaxTrees(generated);
    }

    /// <summary>A file this assembly generated to hold a <c>StapScript</c> constant.</summary>
    public static bool IsGeneratedScript(SyntaxTree tree) => tree.FilePath.EndsWith(GeneratedScriptSuffix, StringComparison.Ordinal);

    private const string GeneratedScriptSuffix = ".StapScript" + GeneratedSuffix;
}
