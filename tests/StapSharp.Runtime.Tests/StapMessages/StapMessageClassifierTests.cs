using StapSharp.Protocol.StapMessages;

namespace StapSharp.Runtime.Tests.StapMessages;

/// <summary>SystemTap 4.8's own message texts, as the runtime and staprun print them.</summary>
public sealed class StapMessageClassifierTests
{
    [Fact]
    public void Map_overflow_against_MAXMAPENTRIES_with_its_statement()
    {
        var message = StapMessageClassifier.Classify(
            "ERROR: Array overflow, check MAXMAPENTRIES near identifier 'counts' at /root/.cache/stapsharp/scripts/ab12/Fill.stp:7:3");

        Assert.NotNull(message);
        Assert.Equal(StapMessageKind.MapOverflow, message.Kind);
        Assert.True(message.IsError);
        Assert.Equal("Array overflow, check MAXMAPENTRIES", message.Detail);
        Assert.Equal("identifier 'counts'", message.NearToken);
        Assert.Equal(new StapScriptLocation("/root/.cache/stapsharp/scripts/ab12/Fill.stp", 7, 3), message.Location);
        Assert.Null(message.MapSizeLimit);
        Assert.Contains("maxEntries", message.Advice, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_overflow_against_the_map_s_own_size()
    {
        var message = StapMessageClassifier.Classify("ERROR: Array overflow, check size limit (100) near identifier 'm' at <input>:1:30");

        Assert.Equal(StapMessageKind.MapOverflow, message!.Kind);
        Assert.Equal(100, message.MapSizeLimit);
        Assert.Equal(new StapScriptLocation("<input>", 1, 30), message.Location);
    }

    [Theory]
    [InlineData("ERROR: MAXACTION exceeded near keyword at x.stp:12:5", "keyword", 12, 5)]
    [InlineData("ERROR: MAXACTION exceeded near operator '++' at /tmp/s.stp:4:14", "operator '++'", 4, 14)]
    public void Action_limit(string line, string token, int stpLine, int column)
    {
        var message = StapMessageClassifier.Classify(line)!;

        Assert.Equal(StapMessageKind.ActionLimitExceeded, message.Kind);
        Assert.Equal("MAXACTION exceeded", message.Detail);
        Assert.Equal(token, message.NearToken);
        Assert.Equal(stpLine, message.Location!.Line);
        Assert.Equal(column, message.Location.Column);
    }

    [Fact]
    public void Error_summary_at_the_end_of_a_run()
    {
        var message = StapMessageClassifier.Classify("WARNING: Number of errors: 1, skipped probes: 42\n")!;

        Assert.Equal(StapMessageKind.ErrorSummary, message.Kind);
        Assert.False(message.IsError);
        Assert.Equal(1, message.ErrorCount);
        Assert.Equal(42, message.SkippedProbeCount);
        Assert.NotNull(message.Advice);
    }

    [Fact]
    public void Transport_failures()
    {
        var message = StapMessageClassifier.Classify(
            "WARNING: There were 3 transport failures. Try stap -s to increase the buffer size from 16.")!;

        Assert.Equal(StapMessageKind.TransportFailures, message.Kind);
        Assert.Equal(3, message.TransportFailureCount);
    }

    [Fact]
    public void Probe_overhead()
    {
        var message = StapMessageClassifier.Classify(
            "ERROR: probe overhead (514331 cycles) exceeded threshold (500000 cycles) in last 1000000 cycles")!;

        Assert.Equal(StapMessageKind.ProbeOverhead, message.Kind);
        Assert.Null(message.Location);
    }

    [Theory]
    [InlineData("ERROR: Skipped too many probes, check MAXSKIPPED or try again with stap -t for more details.", StapMessageKind.TooManySkippedProbes)]
    [InlineData("ERROR: Couldn't insert module '/lib/modules/stap/x.ko': Operation not permitted", StapMessageKind.ModuleLoadFailed)]
    [InlineData("ERROR: division by 0 near operator '/' at /tmp/d.stp:3:20", StapMessageKind.ProbeError)]
    [InlineData("ERROR: read fault [man error::fault] at 0x0000000000000000 near identifier '$name' at /tmp/r.stp:2:9", StapMessageKind.ProbeError)]
    [InlineData("ERROR: module version mismatch (#1 SMP vs #2 SMP), release 6.1.0-40-amd64", StapMessageKind.OtherError)]
    [InlineData("WARNING: Missing unwind data for a module, rerun with 'stap -d kernel'", StapMessageKind.OtherWarning)]
    public void Other_kinds(string line, StapMessageKind kind)
    {
        Assert.Equal(kind, StapMessageClassifier.Classify(line)!.Kind);
    }

    [Fact]
    public void A_probe_error_keeps_the_location_of_the_statement()
    {
        var message = StapMessageClassifier.Classify(
            "ERROR: read fault [man error::fault] at 0x0000000000000000 near identifier '$name' at /tmp/r.stp:2:9")!;

        Assert.Equal("read fault [man error::fault] at 0x0000000000000000", message.Detail);
        Assert.Equal(new StapScriptLocation("/tmp/r.stp", 2, 9), message.Location);
    }

    [Theory]
    [InlineData("hello world")]
    [InlineData("exit mkdir = -17 (EEXIST) by mkdir[97]")]
    [InlineData("error: not ours")]
    [InlineData(" ERROR: indented, so script output")]
    [InlineData("")]
    public void Script_output_is_not_a_message(string line)
    {
        Assert.Null(StapMessageClassifier.Classify(line));
    }
}
