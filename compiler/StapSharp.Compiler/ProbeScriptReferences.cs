using Microsoft.CodeAnalysis;

namespace StapSharp.Compiler;

/// <summary>The metadata references a probe-script compilation needs: the running .NET's framework assemblies and StapSharp.dll.</summary>
public static class ProbeScriptReferences
{
    /// <remarks>
    /// Each file is mapped, not read: a compilation reads only the metadata of these assemblies, and
    /// <c>MetadataReference.CreateFromFile</c> would first read every file whole, code and resources too
    /// (about 55 MB). The metadata is the same either way.
    /// </remarks>
    public static IReadOnlyList<MetadataReference> Create(string stapSharpAssemblyPath)
    {
        var platform = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty)
            .Split(Path.PathSeparator)
            .Where(p => p.Length > 0)
            .Where(p => Path.GetFileName(p) is var name && (name.StartsWith("System.", StringComparison.Ordinal) ||
                                                            name is "System.dll" or "netstandard.dll" or "mscorlib.dll"));
        return platform
            .Append(stapSharpAssemblyPath)
            .Distinct(StringComparer.Ordinal)
            .Select(p => (MetadataReference)AssemblyMetadata.CreateFromFile(p).GetReference(filePath: p))
            .ToList();
    }
}
