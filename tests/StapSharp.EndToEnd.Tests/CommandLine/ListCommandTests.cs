using StapSharp.Cli.Listing;
using StapSharp.Runtime.Listing;
using static StapSharp.EndToEnd.Tests.CommandLine.CliSources;

namespace StapSharp.EndToEnd.Tests.CommandLine;

/// <summary><c>stapsharp list</c>: stap -L's points and variables, and a C# handler for each that translates and resolves.</summary>
public sealed class ListCommandTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    [Fact]
    public void A_listing_line_gives_its_point_and_variables_whatever_spaces_the_types_and_point_hold()
    {
        var tapset = ProbeListing.ParseLine("syscall.mkdir __nr:long name:string pathname:string mode:long $regs:struct pt_regs* $id:long int")!;
        var function = ProbeListing.ParseLine("kernel.function(\"do_mkdirat@fs/namei.c:4168\").return $return:int $name:struct filename* $path:struct path")!;
        var spaced = ProbeListing.ParseLine("process(\"/opt/my app/bin\").function(\"main\") $argc:int")!;

        Assert.Equal("syscall.mkdir", tapset.Point);
        Assert.Equal(
            [new("__nr", "long", false), new("name", "string", false), new("pathname", "string", false), new("mode", "long", false), new("regs", "struct pt_regs*", true), new("id", "long int", true)],
            tapset.Variables);
        Assert.Equal("kernel.function(\"do_mkdirat@fs/namei.c:4168\").return", function.Point);
        Assert.Equal(new ProbeVariable("name", "struct filename*", true), function.Variables[1]);
        Assert.Equal("process(\"/opt/my app/bin\").function(\"main\")", spaced.Point);
        Assert.Equal([new ProbeVariable("argc", "int", true)], spaced.Variables);
        Assert.Null(ProbeListing.ParseLine(""));
        Assert.Null(ProbeListing.ParseLine("process(\"/unterminated x:int"));
    }

    [Fact]
    public void The_handler_takes_what_a_probe_can_read_as_the_translator_reads_it()
    {
        var tapset = ProbeListing.ParseLine("syscall.mkdir __nr:long name:string mode:long $regs:struct pt_regs* $id:long int")!;
        var function = ProbeListing.ParseLine("kernel.function(\"do_mkdirat@fs/namei.c:4168\").return $return:int $dfd:int $path:struct path")!;
        var trace = ProbeListing.ParseLine("kernel.trace(\"block:block_rq_complete\") $rq:struct request* $error:blk_status_t $new:int $buf:char[16]")!;

        Assert.Equal("[Probe(\"syscall.mkdir\")] void Mkdir(string name, long mode, [Target] long regs, [Target] long id)", HandlerSignature.For(tapset));
        Assert.Equal("[Probe(\"kernel.function(\\\"do_mkdirat@fs/namei.c:4168\\\").return\")] void DoMkdiratReturn([Target] long @return)", HandlerSignature.For(function));
        Assert.Equal("[Probe(\"kernel.trace(\\\"block:block_rq_complete\\\")\")] void BlockRqComplete([Target] long rq, [Target] long error, [Target] long @new)", HandlerSignature.For(trace));
    }

    [StapFact]
    public async Task The_handler_it_prints_is_a_probe_stap_resolves()
    {
        var listed = await CliRunner.RunAsync(Limit, "list", "syscall.mkdir");
        Assert.True(listed.ExitCode == 0, listed.ToString());
        var handler = Assert.Single(listed.Stdout.Split('\n'), line => line.TrimStart().StartsWith("[Probe(", StringComparison.Ordinal)).Trim();
        Assert.StartsWith("[Probe(\"syscall.mkdir\")] void Mkdir(", handler, StringComparison.Ordinal);
        Assert.Contains("string pathname", handler, StringComparison.Ordinal);

        using var temp = new TempFolder();
        var source = temp.Write("Listed.cs", $$"""
            using StapSharp;
            using static StapSharp.Stap;

            public sealed class Listed : ProbeScript
            {
                {{handler}} => Println($"{pathname} {mode}");
            }
            """);
        var checkedScript = await CliRunner.RunInAsync(temp.Path, Limit, "check", source);

        Assert.True(checkedScript.ExitCode == 0, checkedScript.ToString());
    }

    [Theory]
    [InlineData("x; probe begin { }")]
    [InlineData("-e")]
    [InlineData("syscall.open\nprobe begin")]
    public async Task A_pattern_that_is_not_a_probe_point_is_refused_before_stap_sees_it(string pattern)
    {
        var result = await CliRunner.RunAsync(Limit, "list", pattern);

        Assert.True(result.ExitCode is 2 or 64, result.ToString());
        Assert.DoesNotContain("Tip:", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', result.Stderr.TrimEnd('\n'));
        AssertNoStackTrace(result);
    }

    [StapFact]
    public async Task A_pattern_nothing_matches_is_a_stap_failure()
    {
        var result = await CliRunner.RunAsync(Limit, "list", "syscall.no_such_call_here");

        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.Contains("no probe point matches 'syscall.no_such_call_here'", result.Stderr, StringComparison.Ordinal);
    }
}
