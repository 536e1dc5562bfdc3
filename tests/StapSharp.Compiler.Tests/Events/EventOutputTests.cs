using StapSharp.Compiler.Printing;
using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.Events;

/// <summary>The exact text the translator writes for events: the frame marker's spelling and the decoder source.</summary>
public sealed class EventOutputTests
{
    private static readonly string Snapshots = Path.Combine(Snapshot.RepositoryRoot(), "tests", "StapSharp.Compiler.Tests", "Snapshots");

    [Fact]
    public void The_frame_marker_is_an_octal_escape_so_the_next_character_stays_itself()
    {
        // stap copies string escapes into C, where "\x1eB" would be one hex escape 0x1eb: octal stops at three digits.
        Assert.Equal("\"\\036B%2b\\n\"", StapLiteral.Quote("\u001eB%2b\n"));
    }

    [Fact]
    public void Decoder_source_matches_snapshot()
    {
        var output = TestCompiler.CompileFiles([Path.Combine(Snapshots, "Inputs", "Events.cs")]);
        var script = Assert.Single(output.Scripts);
        Snapshot.Verify(script.EventDecoderSource, Path.Combine(Snapshots, "Events.decoders.verified.txt"));
    }

    [Fact]
    public void The_enums_of_event_fields_come_with_their_member_names_for_tools_that_print_events()
    {
        var output = TestCompiler.CompileFiles([Path.Combine(Snapshots, "Inputs", "Events.cs")]);
        var script = Assert.Single(output.Scripts);
        var mode = Assert.Single(script.EnumNames);
        Assert.EndsWith("OpenMode", mode.Key);
        Assert.Equal(new Dictionary<long, string> { [1] = "Read", [2] = "Write" }, mode.Value);
    }
}
