using Microsoft.CodeAnalysis;

namespace StapSharp.Compiler;

/// <summary>
/// The StapSharp API assembly a compilation references (the assembly named StapSharp). The API's
/// types are looked up in it only, never by name across the compilation: a type the user's source
/// declares under the same name (a <c>StapSharp.Stap</c> of its own) is not the API and cannot
/// stand in for it.
/// </summary>
public static class StapSharpApi
{
    public const string AssemblyName = "StapSharp";

    /// <summary>The one referenced assembly named StapSharp, or null when there is none (or, ambiguously, several).</summary>
    public static IAssemblySymbol? Assembly(Compilation compilation)
    {
        var found = compilation.SourceModule.ReferencedAssemblySymbols.Where(IsApiAssembly).Take(2).ToList();
        return found.Count == 1 ? found[0] : null;
    }

    /// <summary>The API type <paramref name="metadataName"/> (e.g. <c>StapSharp.Stap</c>, <c>StapSharp.StapMap`2</c>), or null.</summary>
    public static INamedTypeSymbol? Type(Compilation compilation, string metadataName) =>
        Assembly(compilation)?.GetTypeByMetadataName(metadataName);

    /// <summary>Whether <paramref name="type"/> is the API type <paramref name="metadataName"/>, for hosts without the compilation at hand.</summary>
    public static bool Is(INamedTypeSymbol type, string metadataName) =>
        type.ContainingAssembly is { } assembly && IsApiAssembly(assembly) &&
        SymbolEqualityComparer.Default.Equals(assembly.GetTypeByMetadataName(metadataName), type.OriginalDefinition);

    private static bool IsApiAssembly(IAssemblySymbol assembly) => assembly.Identity.Name == AssemblyName;
}
