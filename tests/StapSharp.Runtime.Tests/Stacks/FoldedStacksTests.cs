using StapSharp.Runtime.Stacks;
using StapSharp.Tests.Shared;

namespace StapSharp.Runtime.Tests.Stacks;

public class FoldedStacksTests
{
    [Fact]
    public void Equal_stacks_aggregate_and_lines_come_root_first_in_ordinal_order()
    {
        var stacks = new FoldedStacks();
        stacks.Add(["main", "read", "vfs_read"]);
        stacks.Add(["main", "write"], 3);
        stacks.Add(["main", "read", "vfs_read"]);
        stacks.Add(["main"]);
        Assert.Equal("main 1\nmain;read;vfs_read 2\nmain;write 3\n", stacks.ToText());
        Assert.Equal(6, stacks.Total);
        Assert.Equal(3, stacks.Count);
    }

    [Fact]
    public void Stacks_text_folds_root_first_and_offsets_aggregate()
    {
        // Two samples in vfs_write at different offsets: one stack.
        var stacks = new FoldedStacks();
        foreach (var text in new[] { "vfs_write+0x1a [kernel]\nksys_write+0x5f [kernel]\n", "vfs_write+0x2c [kernel]\nksys_write+0x5f [kernel]\n" })
        {
            var frames = StapStackText.Frames(text, truncated: false);
            frames.Reverse();
            stacks.Add(frames);
        }

        Assert.Equal("ksys_write;vfs_write 2\n", stacks.ToText());
    }

    [Theory]
    [InlineData("a;b", "a%3Bb")]
    [InlineData("line\nbreak", "line%0Abreak")]
    [InlineData("cr\rlf", "cr%0Dlf")]
    [InlineData("100%", "100%25")]
    [InlineData("a\u2028b", "a%E2%80%A8b")]
    [InlineData("\uffff", "%EF%BF%BF")]
    [InlineData("operator() <int> 2", "operator() <int> 2")]
    [InlineData("名前 \U0001F600", "名前 \U0001F600")]
    public void Frame_text_is_escaped(string frame, string escaped) => Assert.Equal(escaped, FoldedStacks.Escape(frame));

    [Fact]
    public void A_lone_surrogate_is_escaped_as_the_replacement_character()
    {
        // Not an InlineData: an attribute stores its strings as UTF-8, which has no lone surrogate.
        Assert.Equal("x%EF%BF%BDy", FoldedStacks.Escape("x\ud800y"));
        Assert.Equal("%EF%BF%BD%EF%BF%BD", FoldedStacks.Escape("\udc00\ud800"));
    }

    public static TheoryData<HostileString> Hostile() => new(HostileStrings.All.Where(h => h.Value.Length > 0));

    [Theory]
    [MemberData(nameof(Hostile))]
    public void A_hostile_frame_is_one_frame_on_one_line(HostileString hostile)
    {
        var stacks = new FoldedStacks();
        stacks.Add(["root", hostile.Value, "leaf"], 7);
        var text = stacks.ToText();
        var line = Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain('\r', text);
        Assert.False(text[..^1].Any(c => char.IsControl(c) || c is '\u2028' or '\u2029'), "no control character or line separator");
        var space = line.LastIndexOf(' ');
        Assert.Equal("7", line[(space + 1)..]);
        var frames = line[..space].Split(FoldedStacks.Separator);
        Assert.Equal(3, frames.Length);
        Assert.Equal(["root", FoldedStacks.Escape(hostile.Value), "leaf"], frames);
        Assert.Equal(frames, stacks.Stacks().Single().Frames);
    }

    [Fact]
    public void A_stack_needs_a_frame_a_name_per_frame_and_a_positive_count()
    {
        var stacks = new FoldedStacks();
        Assert.Throws<ArgumentException>(() => stacks.Add([]));
        Assert.Throws<ArgumentException>(() => stacks.Add(["a", ""]));
        Assert.Throws<ArgumentException>(() => stacks.Add(["a"], 0));
        Assert.Equal(0, stacks.Count);
    }
}
