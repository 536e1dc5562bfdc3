using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.Printing;
using StapSharp.Compiler.StapMessages;
using StapSharp.Protocol.StapMessages;

namespace StapSharp.Compiler.Tests.StapMessages;

/// <summary>SystemTap's runtime messages become diagnostics at the C# statement through the source map.</summary>
public sealed class RunMessageMapperTests
{
    private static readonly SourceSpan Statement = new("/src/Fill.cs", 12, 9);

    private static SourceMap Map() => new([SourceSpan.None, SourceSpan.None, SourceSpan.None, Statement, SourceSpan.None]);

    [Fact]
    public void Map_overflow_points_at_the_csharp_statement()
    {
        var message = StapMessageClassifier.Classify("ERROR: Array overflow, check MAXMAPENTRIES near identifier 'counts' at /cache/ab/Fill.stp:5:3")!;

        var diagnostic = RunMessageMapper.ToDiagnostic(message, "/cache/ab/Fill.stp", Map());

        Assert.Equal("STAP0170", diagnostic.Id);
        Assert.Equal(StapSeverity.Error, diagnostic.Severity);
        Assert.Equal(Statement, diagnostic.Span);
        Assert.StartsWith("/src/Fill.cs(12,9): error STAP0170: stap: Array overflow, check MAXMAPENTRIES: a map was full", diagnostic.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Another_file_keeps_stap_s_place_in_the_message()
    {
        var message = StapMessageClassifier.Classify("ERROR: MAXACTION exceeded near keyword at /usr/share/systemtap/tapset/x.stp:9:1")!;

        var diagnostic = RunMessageMapper.ToDiagnostic(message, "/cache/ab/Fill.stp", Map());

        Assert.Equal("STAP0171", diagnostic.Id);
        Assert.True(diagnostic.Span.IsNone);
        Assert.Contains("MAXACTION exceeded near keyword at /usr/share/systemtap/tapset/x.stp:9:1", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("WARNING: Number of errors: 1, skipped probes: 0", "STAP0173", StapSeverity.Warning)]
    [InlineData("ERROR: Skipped too many probes, check MAXSKIPPED or try again with stap -t for more details.", "STAP0173", StapSeverity.Error)]
    [InlineData("WARNING: There were 2 transport failures. Try stap -s to increase the buffer size from 16.", "STAP0174", StapSeverity.Warning)]
    [InlineData("ERROR: probe overhead (514331 cycles) exceeded threshold (500000 cycles) in last 1000000 cycles", "STAP0172", StapSeverity.Error)]
    [InlineData("ERROR: division by 0 near operator '/' at /cache/ab/Fill.stp:4:20", "STAP0175", StapSeverity.Error)]
    [InlineData("ERROR: Couldn't insert module '/x.ko': Operation not permitted", "STAP0176", StapSeverity.Error)]
    public void Each_kind_has_its_id(string line, string id, StapSeverity severity)
    {
        var diagnostic = RunMessageMapper.ToDiagnostic(StapMessageClassifier.Classify(line)!, "/cache/ab/Fill.stp", Map());

        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(severity, diagnostic.Severity);
    }
}
