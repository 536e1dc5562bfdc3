using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace StapSharp.Compiler;

/// <summary>The metadata references a probe-script compilation needs: the running .NET's framework assemblies and StapSharp.dll.</summary>
public static class ProbeScriptReferences
{
    /// <summary>Past this many assemblies the cache starts again: a long-lived process builds many projects.</summary>
    private const int CacheCapacity = 4096;

    private static readonly ConcurrentDictionary<string, (FileStamp Stamp, MetadataReference Reference)> Cache = new(StringComparer.Ordinal);

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
            .Select(FromFile)
            .ToList();
    }

    /// <summary>
    /// A reference to the assembly at <paramref name="path"/>: the same object for as long as the file is unchanged.
    /// </summary>
    /// <remarks>
    /// Mapped, not read: a compilation reads only the metadata, and <c>MetadataReference.CreateFromFile</c> would first
    /// read every file whole, code and resources too (about 55 MB for the framework). Kept, because Roslyn keeps the
    /// symbols it decodes from an assembly's metadata with that metadata: a later compilation in the same process (the
    /// build server's) reuses them instead of decoding every referenced assembly again. A mapped file stays open, with
    /// .NET's shared lock: writers that replace a file (a restore, apt, an SDK update) are not held up by it, and nothing
    /// referenced here is rewritten in place (the framework, the tool's own assemblies, the write-once package folder).
    /// </remarks>
    public static MetadataReference FromFile(string path)
    {
        var stamp = FileStamp.Of(path);
        if (Cache.TryGetValue(path, out var known) && known.Stamp == stamp)
        {
            return known.Reference;
        }

        if (Cache.Count >= CacheCapacity)
        {
            Cache.Clear();
        }

        var reference = AssemblyMetadata.CreateFromFile(path).GetReference(filePath: path);
        Cache[path] = (stamp, reference);
        return reference;
    }

    /// <summary>What tells a changed file from the one read before: a restore or a rebuild writes a new file.</summary>
    private readonly record struct FileStamp(long Length, DateTime LastWriteUtc)
    {
        public static FileStamp Of(string path)
        {
            var info = new FileInfo(path);
            return new FileStamp(info.Length, info.LastWriteTimeUtc);
        }
    }
}
