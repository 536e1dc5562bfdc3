using StapSharp.Runtime.Build;
using StapSharp.Runtime.Tests.Support;

namespace StapSharp.Runtime.Tests.Build;

public class UserSpaceProbeFilesTests
{
    [Fact]
    public void Process_and_library_literals_are_read_with_their_escapes()
    {
        const string script = """
            probe process("/usr/bin/python3.11").mark("function__entry") { }
            probe process ( "/opt/a \"b\"\\c" ).library("libz.so.1").function("inflate") { }
            probe kernel.function("do_process") { printf("subprocess(\"x\")\n") }
            """;

        // Process probes first, then library probes; "do_process" and "subprocess(" are other words.
        Assert.Equal(["/usr/bin/python3.11", "/opt/a \"b\"\\c", "libz.so.1"], UserSpaceProbeFiles.Literals(script));
    }

    [Fact]
    public void Paths_resolve_as_stap_resolves_them_bare_names_through_path_and_links_followed()
    {
        using var temp = new TempDir();
        var program = temp.Write("bin/real-prog", "#!/bin/sh\n");
        File.CreateSymbolicLink(temp.Combine("bin", "prog"), "real-prog");
        Directory.CreateSymbolicLink(temp.Combine("linked"), temp.Combine("bin"));
        var script = $$"""
            probe process("prog").function("main") { }
            probe process("{{temp.Combine("linked", "prog")}}").function("main") { }
            probe process("{{temp.Combine("bin", "gone")}}").function("main") { }
            probe process("missing-everywhere").function("main") { }
            """;

        var files = UserSpaceProbeFiles.Find(script, pathVariable: "/nonexistent:" + temp.Combine("bin"));

        Assert.Equal([program], files);
    }
}
