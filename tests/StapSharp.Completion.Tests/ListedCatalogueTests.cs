using StapSharp.Completion.Catalogue;
using StapSharp.Completion.Tests.Support;
using StapSharp.Runtime.Toolchain;
using static StapSharp.Completion.Tests.Support.CompletionHost;

namespace StapSharp.Completion.Tests;

/// <summary>The real <c>stapsharp list</c>, through the real stap -L, writes the catalogue the editor then completes from.</summary>
public sealed class ListedCatalogueTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    [StapFact]
    public async Task What_stapsharp_list_found_is_what_the_editor_offers()
    {
        // The prepared kernel tree stays the user's (stap resolves the syscall aliases through its System.map);
        // only the catalogue goes to the test's own cache folder.
        var userCache = KernelBuildTree.DefaultCacheRoot();
        var release = StapToolchain.Discover().BuildRelease!;
        using var cache = new CacheHome();
        Directory.CreateDirectory(cache.CacheRoot);
        if (Directory.Exists(Path.Combine(userCache, release)))
        {
            Directory.CreateSymbolicLink(Path.Combine(cache.CacheRoot, release), Path.Combine(userCache, release));
        }

        var listed = await Cli.RunAsync(Limit, new Dictionary<string, string> { ["XDG_CACHE_HOME"] = cache.Path }, "list", "syscall.mkdir*");

        Assert.True(listed.ExitCode == 0, $"exit {listed.ExitCode}\n{listed.Stdout}\n{listed.Stderr}");
        var catalogue = ProbeCatalogue.TryRead(ProbeCatalogue.PathFor(cache.CacheRoot, release));
        Assert.NotNull(catalogue);
        var mkdir = Assert.Single(catalogue.Points, p => p.Point == "syscall.mkdir");
        Assert.Contains("string pathname", mkdir.Parameters);
        Assert.Contains("long mode", mkdir.Parameters);
        Assert.Contains("[Probe(\"syscall.mkdir\")] void Mkdir(" + string.Join(", ", mkdir.Parameters) + ")", listed.Stdout, StringComparison.Ordinal);

        var points = await ItemsAsync($$"""
            using StapSharp;
            public sealed class Trace : ProbeScript
            {
                [Probe("syscall.mk{{Caret}}")] void Enter() { }
            }
            """);
        var parameters = await ItemsAsync($$"""
            using StapSharp;
            public sealed class Trace : ProbeScript
            {
                [Probe("syscall.mkdir")] void Enter(string pathname, {{Caret}}) { }
            }
            """);

        Assert.Equal(catalogue.Points.Select(p => p.Point).Where(p => p.StartsWith("syscall.mk", StringComparison.Ordinal)), points.Select(i => i.DisplayText));
        Assert.Contains("syscall.mkdir", points.Select(i => i.DisplayText));
        Assert.Equal(mkdir.Parameters.Where(p => p != "string pathname"), parameters.Select(i => i.DisplayText));
    }
}
