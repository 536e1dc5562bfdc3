using StapSharp.Tests.Shared;

namespace StapSharp.Runtime.Tests.Events;

/// <summary>
/// The wire format is defined in one project: the marks, the printf formats, the field codes and the hash constants
/// appear in protocol/StapSharp.Protocol and in no other product source, so the translator and the reader cannot drift.
/// </summary>
public sealed class ProtocolDefinitionTests
{
    public static TheoryData<string> Spellings() =>
    [
        "\\u001eB", "\\u001eS", "\\u001eT", "\"%8b\"", "\"%4b%s\"", "%2b%8b%2b",
        "\"i64\"", "\"u64\"", "\"i32\"", "\"str\"", "\"enum:\"",
        "0x100000001b3", "0xcbf29ce484222325",
    ];

    [Theory]
    [MemberData(nameof(Spellings))]
    public void Only_the_protocol_project_spells_it(string spelling)
    {
        var protocol = Repository.PathOf("protocol") + Path.DirectorySeparatorChar;
        var spelledIn = ProductSources()
            .Where(file => File.ReadAllText(file).Contains(spelling, StringComparison.OrdinalIgnoreCase))
            .Select(file => Path.GetRelativePath(Repository.Root, file))
            .ToList();

        Assert.Contains(spelledIn, file => Repository.PathOf(file).StartsWith(protocol, StringComparison.Ordinal));
        Assert.DoesNotContain(spelledIn, file => !Repository.PathOf(file).StartsWith(protocol, StringComparison.Ordinal));
    }

    /// <summary>
    /// Hand-written sources of the product. Generated ones are left out: Stap.Tapset.g.cs carries the tapsets' own
    /// words (a parameter named str), and the generator writes nothing of the wire format.
    /// </summary>
    private static IEnumerable<string> ProductSources() =>
        new[] { "compiler", "runtime", "protocol" }
            .SelectMany(folder => Directory.EnumerateFiles(Repository.PathOf(folder), "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.EndsWith(".g.cs", StringComparison.Ordinal));
}
