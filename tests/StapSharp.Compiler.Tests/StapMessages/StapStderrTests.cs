using StapSharp.Compiler.StapMessages;

namespace StapSharp.Compiler.Tests.StapMessages;

/// <summary>stap's stderr for a plain .stp: its own words at the file's own places, as the user named the file, without the noise.</summary>
public sealed class StapStderrTests
{
    [Fact]
    public void Keeps_stap_s_messages_and_their_source_lines_and_names_the_file_as_the_user_did()
    {
        const string stderr = """
            Pass 1: parsed user script and 484 library scripts using 99592virt/82944res/11648shr/71044data kb, in 140usr/30sys/175real ms.
            WARNING: Kernel function symbol table missing [man warning::symbols]
            semantic error: unresolved function nosuch (similar: uid, HZ): identifier 'nosuch' at /home/u/probes/typo.stp:2:18
                    source:   printf("%d\n", nosuch(1))
                                             ^


            semantic error: type mismatch (long): identifier 'x' at :3:5
                    source:   x = "a"
                              ^

            Pass 2: analysis failed.  [man error::pass2]
            Tip: /usr/share/doc/systemtap/README.Debian should help you get started.

            """;

        var lines = StapStderr.ReadableLines(stderr, "/home/u/probes/typo.stp", "probes/typo.stp");

        Assert.Equal(
        [
            "semantic error: unresolved function nosuch (similar: uid, HZ): identifier 'nosuch' at probes/typo.stp:2:18",
            "        source:   printf(\"%d\\n\", nosuch(1))",
            "                                 ^",
            "",
            "semantic error: type mismatch (long): identifier 'x' at :3:5",
            "        source:   x = \"a\"",
            "                  ^",
        ], lines);
    }

    [Fact]
    public void A_place_in_another_file_keeps_its_path()
    {
        var lines = StapStderr.ReadableLines(
            "semantic error: type mismatch at /usr/share/systemtap/tapset/linux/x.stp:3:1\n", "/home/u/x.stp", "x.stp");

        Assert.Equal(["semantic error: type mismatch at /usr/share/systemtap/tapset/linux/x.stp:3:1"], lines);
    }
}
