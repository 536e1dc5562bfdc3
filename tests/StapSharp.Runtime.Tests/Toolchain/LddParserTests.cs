using StapSharp.Runtime.Toolchain;

namespace StapSharp.Runtime.Tests.Toolchain;

public class LddParserTests
{
    [Fact]
    public void Ldd_output_gives_library_paths_without_the_vdso()
    {
        const string ldd = """
            	linux-vdso.so.1 (0x00007fb3dbf4f000)
            	libelf.so.1 => /lib/x86_64-linux-gnu/libelf.so.1 (0x00007fb3dbee3000)
            	libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007fb3db81e000)
            	/lib64/ld-linux-x86-64.so.2 (0x00007fb3dbf51000)
            	libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007fb3db81e000)
            	libgone.so.2 => not found
            """;
        var libraries = LddParser.ParseLibraries(ldd, out var notFound);
        Assert.Equal(["/lib/x86_64-linux-gnu/libelf.so.1", "/lib/x86_64-linux-gnu/libc.so.6", "/lib64/ld-linux-x86-64.so.2"], libraries);
        Assert.Equal(["libgone.so.2"], notFound);
    }
}
