using StapSharp.Completion.Tests.Support;
using static StapSharp.Completion.Tests.Support.CompletionHost;

namespace StapSharp.Completion.Tests;

/// <summary>A probe handler's parameters offered from its points' context variables, typed as <c>stapsharp list</c> prints them.</summary>
public sealed class HandlerParameterCompletionTests
{
    private const string Catalogue = """
        stapsharp probe-point catalogue 1
        syscall.mkdir	string pathname	long mode	[Target] long regs
        syscall.mkdirat	string pathname	long mode	long dirfd
        syscall.mkdir.return	long @return	string retstr

        """;

    private static string Script(string method) => $$"""
        using StapSharp;
        using static StapSharp.Stap;

        public sealed class Trace : ProbeScript
        {
            {{method}}
        }
        """;

    private static async Task<List<string>> OfferedAsync(string method)
    {
        using var cache = new CacheHome();
        cache.WriteCatalogue("6.1.0-test-amd64", Catalogue);
        return (await ItemsAsync(Script(AtCaret(method)))).Select(i => i.DisplayText).ToList();
    }

    [Fact]
    public async Task An_empty_handler_gets_each_context_variable_and_all_of_them_at_once()
    {
        var offered = await OfferedAsync("[Probe(\"syscall.mkdir\")] void Enter({0}) { }");

        Assert.Equal(["string pathname, long mode, [Target] long regs", "string pathname", "long mode", "[Target] long regs"], offered);
    }

    [Fact]
    public async Task Parameters_already_declared_are_not_offered_again()
    {
        var offered = await OfferedAsync("[Probe(\"syscall.mkdir\")] void Enter(string pathname, {0}) { }");

        Assert.Equal(["long mode", "[Target] long regs"], offered);
    }

    [Fact]
    public async Task The_typed_start_of_a_type_or_a_name_narrows_the_offer()
    {
        Assert.Equal(["string pathname"], await OfferedAsync("[Probe(\"syscall.mkdir\")] void Enter(str{0}) { }"));
        Assert.Equal(["long mode"], await OfferedAsync("[Probe(\"syscall.mkdir\")] void Enter(mo{0}) { }"));
    }

    [Fact]
    public async Task A_point_list_offers_what_every_point_has()
    {
        var offered = await OfferedAsync("[Probe(\"syscall.mkdir\")][Probe(\"syscall.mkdirat\")] void Enter({0}) { }");

        Assert.Equal(["string pathname, long mode", "string pathname", "long mode"], offered);
    }

    [Fact]
    public async Task A_keyword_named_variable_keeps_its_at_sign()
    {
        var offered = await OfferedAsync("[Probe(\"syscall.mkdir.return\")] void Exit({0}) { }");

        Assert.Contains("long @return", offered);
    }

    [Theory]
    [InlineData("[Probe(\"syscall.unlisted\")] void Enter({0}) { }")]
    [InlineData("[Probe(\"syscall.mkdir\")][Probe(\"syscall.unlisted\")] void Enter({0}) { }")]
    [InlineData("void Helper({0}) { }")]
    [InlineData("[Probe(\"syscall.mkdir\")] void Enter(long mode = 1{0}) { }")]
    [InlineData("[Probe(\"syscall.mkdir\")] void Enter() { M({0}); }")]
    public async Task Nothing_is_offered_where_no_point_is_catalogued_or_no_parameter_starts(string method)
    {
        Assert.Empty(await OfferedAsync(method));
    }

    [Fact]
    public async Task Choosing_the_whole_list_writes_the_parameters()
    {
        using var cache = new CacheHome();
        cache.WriteCatalogue("6.1.0-test-amd64", Catalogue);

        var text = await ChooseAsync(Script($"[Probe(\"syscall.mkdir\")] void Enter({Caret}) {{ }}"), "string pathname, long mode, [Target] long regs");

        Assert.Contains("void Enter(string pathname, long mode, [Target] long regs) { }", text, StringComparison.Ordinal);
    }
}
