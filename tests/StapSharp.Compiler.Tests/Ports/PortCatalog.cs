using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.Ports;

/// <summary>
/// One port of a SystemTap example, described by the header comment of its C# file:
/// <code>
/// // Original: process/syscalls_by_proc.stp
/// // SystemTap: testsuite/systemtap.examples at commit 2e5a1050a2ceefd238a451712c3d05c008523dbd
/// // Area: counting
/// // Faithful: no
/// // Differs: why the port's parse tree is not the original's (one or more lines)
/// </code>
/// </summary>
internal sealed record Port(string Name, string Original, string Commit, string Area, bool Faithful, string Differs)
{
    /// <summary>The recorded, normalised <c>stap -p1</c> dump of the original and its <c>-p2</c> status.</summary>
    public string RecordedOriginalPath => Path.Combine(PortCatalog.Folder, "Originals", Name + ".p1.txt");

    public string SourcePath => Path.Combine(PortCatalog.Folder, "Inputs", Name + ".cs");

    /// <summary>Where tests/ports/fetch-originals.sh puts the original (never inside the repository).</summary>
    public string CachedOriginalPath => Path.Combine(PortCatalog.ExamplesCache, Commit, Original);
}

internal static class PortCatalog
{
    public static readonly string Folder = Path.Combine(Snapshot.RepositoryRoot(), "tests", "StapSharp.Compiler.Tests", "Ports");

    /// <summary>The SystemTap commit every port is pinned to (tests/ports/systemtap-commit).</summary>
    public static readonly string PinnedCommit = File.ReadAllText(Path.Combine(Snapshot.RepositoryRoot(), "tests", "ports", "systemtap-commit")).Trim();

    public static string ExamplesCache =>
        Environment.GetEnvironmentVariable("STAPSHARP_EXAMPLES_CACHE") is { Length: > 0 } cache
            ? cache
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "stapsharp", "examples");

    public static IReadOnlyList<Port> All { get; } = Directory.GetFiles(Path.Combine(Folder, "Inputs"), "*.cs")
        .Order(StringComparer.Ordinal)
        .Select(Read)
        .ToList();

    public static Port Get(string name) => All.Single(p => p.Name == name);

    public static TheoryData<string> Names() => new(All.Select(p => p.Name));

    private const string CommitPrefix = "testsuite/systemtap.examples at commit ";

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

        var systemTap = Field("SystemTap");
        if (!systemTap.StartsWith(CommitPrefix, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{file}: '// SystemTap:' must read '{CommitPrefix}<commit>'");
        }

        var faithful = Field("Faithful") switch
        {
            "yes" => true,
            "no" => false,
            var other => throw new InvalidDataException($"{file}: '// Faithful:' is yes or no, not '{other}'"),
        };
        return new Port(
            Path.GetFileNameWithoutExtension(file),
            Field("Original"),
            systemTap[CommitPrefix.Length..],
            Field("Area"),
            faithful,
            faithful ? header.GetValueOrDefault("Differs", string.Empty) : Field("Differs"));
    }
}
