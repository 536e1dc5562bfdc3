using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.Ports;

/// <summary>
/// One port of a SystemTap script, described by the header comment of its C# file:
/// <code>
/// // Source: systemtap
/// // Original: testsuite/systemtap.examples/process/syscalls_by_proc.stp
/// // Area: counting
/// // Faithful: no
/// // Differs: why the port's parse tree is not the original's (one or more lines)
/// // Arguments: 5 vfs_read   (optional: the script's arguments, given to stap for the original and the port)
/// </code>
/// The source is a line of tests/ports/sources, which pins its commit; the original is a path there.
/// </summary>
internal sealed record Port(string Name, PortSource Source, string Original, string Area, bool Faithful, string Differs, IReadOnlyList<string> Arguments)
{
    /// <summary>The recorded, normalised <c>stap -p1</c> dump of the original and its <c>-p2</c> status.</summary>
    public string RecordedOriginalPath => Path.Combine(PortCatalog.Folder, "Originals", Name + ".p1.txt");

    public string SourcePath => Path.Combine(PortCatalog.Folder, "Inputs", Name + ".cs");

    /// <summary>Where tests/ports/fetch-originals.sh puts the original (never inside the repository).</summary>
    public string CachedOriginalPath => Path.Combine(PortCatalog.OriginalsCache, Source.Name, Source.Commit, Original);
}

/// <summary>A repository ports are taken from, pinned to one commit (a line of tests/ports/sources).</summary>
internal sealed record PortSource(string Name, string Repository, string Commit);

internal static class PortCatalog
{
    public static readonly string Folder = Path.Combine(Snapshot.RepositoryRoot(), "tests", "StapSharp.Compiler.Tests", "Ports");

    public static readonly string SourcesPath = Path.Combine(Snapshot.RepositoryRoot(), "tests", "ports", "sources");

    /// <summary>The sources and the commit each is pinned to.</summary>
    public static IReadOnlyDictionary<string, PortSource> Sources { get; } = File.ReadLines(SourcesPath)
        .Where(line => line.Length > 0 && !line.StartsWith('#'))
        .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        .Select(fields => fields.Length == 3 && fields[2].Length == 40
            ? new PortSource(fields[0], fields[1], fields[2])
            : throw new InvalidDataException($"{SourcesPath}: each line is 'name repository commit' with a full commit id, not '{string.Join(' ', fields)}'"))
        .ToDictionary(source => source.Name);

    public static string OriginalsCache =>
        Environment.GetEnvironmentVariable("STAPSHARP_ORIGINALS_CACHE") is { Length: > 0 } cache
            ? cache
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "stapsharp", "originals");

    public static IReadOnlyList<Port> All { get; } = Directory.GetFiles(Path.Combine(Folder, "Inputs"), "*.cs")
        .Order(StringComparer.Ordinal)
        .Select(Read)
        .ToList();

    public static Port Get(string name) => All.Single(p => p.Name == name);

    public static TheoryData<string> Names() => new(All.Select(p => p.Name));

    private static Port Read(string file)
    {
        var header = File.ReadLines(file)
            .TakeWhile(line => line.StartsWith("//", StringComparison.Ordinal))
            .Select(line => line[2..].Trim())
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2)
            .GroupBy(parts => parts[0].Trim(), parts => parts[1].Trim())
            .ToDictionary(g => g.Key, g => string.Join(" ", g));
        string Field(string key) => header.TryGetValue(key, out var value) && value.Length > 0
            ? value
            : throw new InvalidDataException($"{file}: the header has no '// {key}: ...' line");

        var source = Sources.TryGetValue(Field("Source"), out var known)
            ? known
            : throw new InvalidDataException($"{file}: '// Source: {Field("Source")}' is not a source in {SourcesPath}");
        var original = Field("Original");
        if (!original.EndsWith(".stp", StringComparison.Ordinal) || original.Split('/').Any(part => part is "" or "." or ".."))
        {
            throw new InvalidDataException($"{file}: '// Original:' is a .stp path inside the source repository, not '{original}'");
        }

        var faithful = Field("Faithful") switch
        {
            "yes" => true,
            "no" => false,
            var other => throw new InvalidDataException($"{file}: '// Faithful:' is yes or no, not '{other}'"),
        };
        return new Port(
            Path.GetFileNameWithoutExtension(file),
            source,
            original,
            Field("Area"),
            faithful,
            faithful ? header.GetValueOrDefault("Differs", string.Empty) : Field("Differs"),
            header.GetValueOrDefault("Arguments", string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
