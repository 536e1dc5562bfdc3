using StapSharp.Completion.Catalogue;
using StapSharp.Completion.Tests.Support;
using static StapSharp.Completion.Tests.Support.CompletionHost;

namespace StapSharp.Completion.Tests;

/// <summary>The catalogue is text from outside the IDE: anything not exactly as <c>stapsharp list</c> writes it is not used.</summary>
public sealed class CorruptCatalogueTests
{
    private const string Header = "stapsharp probe-point catalogue 1\n";

    public static TheoryData<string> Corrupt => new()
    {
        "",
        "\0\u00ff\u0001garbage\n",
        "syscall.mkdir\tstring pathname\n",
        "stapsharp probe-point catalogue 2\nsyscall.mkdir\n",
        Header + "syscall.mkdir\tstring pathname",
        Header + "syscall.mkdir\")] void X() { } //\n",
        Header + "syscall.mkdir; probe begin { system(\"id\") }\n",
        Header + "syscall.*\n",
        Header + "kernel.function(\"a\\\"b\")\n",
        Header + "process(\"/bin/\u202egnp.exe\").function(\"main\")\n",
        Header + "syscall.mkdir\r\n",
        Header + "syscall.mkdir\tstring pathname) { } void X(\n",
        Header + "syscall.mkdir\tint mode\n",
        Header + "syscall.mkdir\t[Target] string pathname\n",
        Header + "syscall.mkdir\tstring 1pathname\n",
        Header + "syscall.mkdir\nsyscall.mkdir\n",
        Header + new string('a', 2000) + "\n",
        Header + "syscall.mkdir\t" + string.Join("\t", Enumerable.Range(0, 200).Select(i => $"long v{i}")) + "\n",
    };

    [Theory]
    [MemberData(nameof(Corrupt))]
    public void A_corrupt_file_reads_as_no_catalogue(string text)
    {
        Assert.Null(ProbeCatalogue.TryParse(text));
    }

    [Theory]
    [MemberData(nameof(Corrupt))]
    public async Task A_corrupt_file_gives_no_completions_and_no_exception(string text)
    {
        using var cache = new CacheHome();
        var file = cache.WriteCatalogue("6.1.0-test-amd64", text);
        Assert.Null(ProbeCatalogue.TryRead(file));

        var points = await ItemsAsync($$"""
            using StapSharp;
            public sealed class Trace : ProbeScript
            {
                [Probe("sys{{Caret}}")] void Enter() { }
            }
            """);
        var parameters = await ItemsAsync($$"""
            using StapSharp;
            public sealed class Trace : ProbeScript
            {
                [Probe("syscall.mkdir")] void Enter({{Caret}}) { }
            }
            """);

        Assert.Empty(points);
        Assert.Empty(parameters);
    }

    [Fact]
    public void A_file_that_is_not_text_or_cannot_be_read_is_no_catalogue()
    {
        using var cache = new CacheHome();
        var file = ProbeCatalogue.PathFor(cache.CacheRoot, "6.1.0-test-amd64");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllBytes(file, [.. System.Text.Encoding.UTF8.GetBytes(Header), 0xC3, 0x28, (byte)'\n']);
        var folderAsFile = ProbeCatalogue.PathFor(cache.CacheRoot, "6.1.0-folder-amd64");
        Directory.CreateDirectory(folderAsFile);

        Assert.Null(ProbeCatalogue.TryRead(file));
        Assert.Null(ProbeCatalogue.TryRead(folderAsFile));
        Assert.Null(ProbeCatalogue.TryRead(Path.Combine(cache.Path, "missing.txt")));
    }

    [Fact]
    public void What_is_written_reads_back_the_same()
    {
        using var cache = new CacheHome();
        var file = ProbeCatalogue.PathFor(cache.CacheRoot, "6.1.0-test-amd64");
        new ProbeCatalogue([]).With([
            new CataloguedPoint("syscall.mkdir", ["string pathname", "long mode"]),
            new CataloguedPoint("kernel.function(\"do_mkdirat@fs/namei.c:4168\").return", ["[Target] long @return"]),
            new CataloguedPoint("begin", []),
        ]).WriteTo(file);

        var read = ProbeCatalogue.TryRead(file)!.With([new CataloguedPoint("syscall.mkdir", ["string pathname"])]);

        Assert.Equal(["begin", "kernel.function(\"do_mkdirat@fs/namei.c:4168\").return", "syscall.mkdir"], read.Points.Select(p => p.Point));
        Assert.Equal(["string pathname"], read.Points[2].Parameters);
        Assert.Equal(["[Target] long @return"], read.Points[1].Parameters);
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(file)!));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData(".hidden")]
    [InlineData("6.1/../../x")]
    [InlineData("")]
    public void A_release_that_is_not_a_plain_name_names_no_file(string release)
    {
        Assert.False(ProbeCatalogue.IsRelease(release));
        Assert.Throws<ArgumentException>(() => ProbeCatalogue.PathFor("/tmp", release));
    }
}
