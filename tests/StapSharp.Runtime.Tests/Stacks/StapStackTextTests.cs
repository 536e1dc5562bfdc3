using StapSharp.Runtime.Stacks;

namespace StapSharp.Runtime.Tests.Stacks;

public class StapStackTextTests
{
    [Theory]
    // sprint_backtrace() and sprint_ubacktrace(): symbol+offset [module basename].
    [InlineData("vfs_write+0x1a [kernel]", "vfs_write")]
    [InlineData("ext4_file_write_iter+0x3c5 [ext4]", "ext4_file_write_iter")]
    [InlineData("__libc_start_call_main+0x7a [libc.so.6]", "__libc_start_call_main")]
    [InlineData("main+0x1c", "main")]
    // symdata(): with the size; print_backtrace(): the address in front.
    [InlineData("vfs_write+0x1a/0x2b0 [kernel]", "vfs_write")]
    [InlineData("vfs_write+0x1a/0x2b0", "vfs_write")]
    [InlineData(" 0xffffffff8123abcd : vfs_write+0x1a/0x2b0 [kernel]", "vfs_write")]
    // No symbol: the module, or unknown.
    [InlineData("0x7f1234567890 [libc.so.6+0x2a3f0]", "[libc.so.6]")]
    [InlineData("0x7f1234567890", StapStackText.Unknown)]
    [InlineData("0x7f1234567890 (inexact)", StapStackText.Unknown)]
    // A plus that is no offset stays, C++ operators included.
    [InlineData("operator+", "operator+")]
    [InlineData("a+0xZZ [kernel]", "a+0xZZ")]
    [InlineData("  padded+0x10  ", "padded")]
    [InlineData("bash", "bash")]
    public void A_line_is_named_by_its_symbol_without_offset_size_or_module(string line, string frame) =>
        Assert.Equal(frame, StapStackText.Frame(line));

    [Fact]
    public void Frames_come_innermost_first_as_the_text_has_them_and_blank_lines_are_skipped()
    {
        var text = "do_sys_openat2+0x7d [kernel]\n__x64_sys_openat+0x54 [kernel]\n\ndo_syscall_64+0x5d [kernel]\n";
        Assert.Equal(["do_sys_openat2", "__x64_sys_openat", "do_syscall_64"], StapStackText.Frames(text, truncated: false));
        Assert.Empty(StapStackText.Frames("", truncated: false));
    }

    [Theory]
    [InlineData("<no user backtrace at perf.type(1).config(0).sample(1000000)>\n")]
    [InlineData("<no kernel backtrace at timer.profile>\n")]
    [InlineData("<no user backtrace support on arch>\n")]
    public void SystemTaps_note_that_there_is_no_stack_is_no_frame(string text)
    {
        Assert.Empty(StapStackText.Frames(text, truncated: false));
    }

    [Fact]
    public void A_truncated_stack_loses_its_cut_last_line_and_says_so_at_its_root()
    {
        var text = "do_sys_openat2+0x7d [kernel]\n__x64_sys_openat+0x54 [kernel]\ndo_sysc";
        Assert.Equal(["do_sys_openat2", "__x64_sys_openat", StapStackText.Truncated], StapStackText.Frames(text, truncated: true));
    }
}
