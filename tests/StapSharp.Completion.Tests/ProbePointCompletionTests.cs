using StapSharp.Completion.Tests.Support;
using static StapSharp.Completion.Tests.Support.CompletionHost;

namespace StapSharp.Completion.Tests;

/// <summary>Probe points offered inside the string of a <c>[Probe]</c> attribute, and nowhere else.</summary>
public sealed class ProbePointCompletionTests
{
    private const string Catalogue = """
        stapsharp probe-point catalogue 1
        kernel.function("vfs_read@fs/read_write.c:450")	[Target] long file	[Target] long count
        syscall.mkdir	string pathname	long mode	string argstr
        syscall.mkdir.return	long retval	string retstr
        vfs.read	string devname	long bytes_to_read

        """;

    private static string Script(string attribute) => $$"""
        using StapSharp;
        using static StapSharp.Stap;

        public sealed class Trace : ProbeScript
        {
            {{attribute}}
            void Handler() => Println("hit");
        }
        """;

    [Fact]
    public async Task The_catalogue_s_points_that_hold_the_typed_text_are_offered_inside_a_probe_string()
    {
        using var cache = new CacheHome();
        cache.WriteCatalogue("6.1.0-test-amd64", Catalogue);

        var items = await ItemsAsync(Script($"[Probe(\"sys{Caret}\")]"));

        Assert.Equal(["syscall.mkdir", "syscall.mkdir.return"], items.Select(i => i.DisplayText).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("[Probe(\"{0}\")]")]
    [InlineData("[Probe(\"{0}sys\")]")]
    [InlineData("[StapSharp.Probe(@\"{0}\")]")]
    [InlineData("[ProbeAttribute(\"{0}\")]")]
    [InlineData("[Probe(\"{0}")]
    public async Task Every_spelling_of_the_probe_attribute_gets_points(string attribute)
    {
        using var cache = new CacheHome();
        cache.WriteCatalogue("6.1.0-test-amd64", Catalogue);

        var items = await ItemsAsync(Script(AtCaret(attribute)));

        Assert.Contains(items, i => i.DisplayText == "syscall.mkdir");
    }

    [Theory]
    [InlineData("[Probe(\"syscall.mkdir\")] void Other() => Println(\"sys{0}\");")]
    [InlineData("[System.Obsolete(\"sys{0}\")]")]
    [InlineData("[Probe({0}\"sys\")]")]
    [InlineData("[Probe(\"sys\"{0})]")]
    [InlineData("// [Probe(\"sys{0}\")]")]
    [InlineData("[Probe(\"syscall.mkdir\")] void Other() { var point = \"sys{0}\"; }")]
    public async Task Nothing_is_offered_outside_a_probe_string(string member)
    {
        using var cache = new CacheHome();
        cache.WriteCatalogue("6.1.0-test-amd64", Catalogue);

        var items = await ItemsAsync(Script(AtCaret(member)));

        Assert.Empty(items);
    }

    [Fact]
    public async Task A_probe_attribute_of_another_library_gets_nothing()
    {
        using var cache = new CacheHome();
        cache.WriteCatalogue("6.1.0-test-amd64", Catalogue);
        var source = $$"""
            namespace Other { public sealed class ProbeAttribute(string point) : System.Attribute { } }
            public sealed class C
            {
                [Other.Probe("sys{{Caret}}")]
                void M() { }
            }
            """;

        Assert.Empty(await ItemsAsync(source));
    }

    [Theory]
    [InlineData("[Probe(\"kern{0}\")]", "kernel.function(\"vfs_read@fs/read_write.c:450\")", "[Probe(\"kernel.function(\\\"vfs_read@fs/read_write.c:450\\\")\")]")]
    [InlineData("[Probe(@\"kern{0}\")]", "kernel.function(\"vfs_read@fs/read_write.c:450\")", "[Probe(@\"kernel.function(\"\"vfs_read@fs/read_write.c:450\"\")\")]")]
    [InlineData("[Probe(\"sys{0}call.open\")]", "syscall.mkdir", "[Probe(\"syscall.mkdir\")]")]
    public async Task A_chosen_point_replaces_the_string_s_text_spelled_as_that_literal_spells_quotes(string before, string chosen, string after)
    {
        using var cache = new CacheHome();
        cache.WriteCatalogue("6.1.0-test-amd64", Catalogue);

        var text = await ChooseAsync(Script(AtCaret(before)), chosen);

        Assert.Contains(after, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_catalogue_the_points_the_project_knows_are_offered()
    {
        using var cache = new CacheHome();

        var items = await ItemsAsync(Script($"[Probe(\"syscall.mk{Caret}\")]"));

        Assert.Equal(["syscall.mkdir", "syscall.mkdir.return"], items.Select(i => i.DisplayText).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_running_kernel_s_catalogue_is_chosen_over_a_newer_one()
    {
        using var cache = new CacheHome();
        var running = File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
        cache.WriteCatalogue(running, "stapsharp probe-point catalogue 1\nsyscall.running_only\n");
        var newer = cache.WriteCatalogue("0.0.0-other", "stapsharp probe-point catalogue 1\nsyscall.other_only\n");
        File.SetLastWriteTimeUtc(newer, DateTime.UtcNow.AddMinutes(1));

        var items = await ItemsAsync(Script($"[Probe(\"sys{Caret}\")]"));

        Assert.Equal(["syscall.running_only"], items.Select(i => i.DisplayText));
    }

    [Fact]
    public async Task Without_the_running_kernel_s_catalogue_the_newest_is_chosen()
    {
        using var cache = new CacheHome();
        var older = cache.WriteCatalogue("0.0.0-older", "stapsharp probe-point catalogue 1\nsyscall.older_only\n");
        File.SetLastWriteTimeUtc(older, DateTime.UtcNow.AddMinutes(-10));
        cache.WriteCatalogue("0.0.0-newer", "stapsharp probe-point catalogue 1\nsyscall.newer_only\n");

        var items = await ItemsAsync(Script($"[Probe(\"sys{Caret}\")]"));

        Assert.Equal(["syscall.newer_only"], items.Select(i => i.DisplayText));
    }
}
