using StapSharp.Runtime.Tests.Support;
using StapSharp.Runtime.Toolchain;

namespace StapSharp.Runtime.Tests.Toolchain;

public class DirectoryCopierTests
{
    [Fact]
    public void Relative_links_leaving_the_tree_become_absolute_and_inner_links_stay_relative()
    {
        using var temp = new TempDir();
        temp.Write("lib/kbuild/scripts/Makefile.build", "x");
        temp.Write("src/headers/include/a.h", "#define A 1");
        File.CreateSymbolicLink(temp.Combine("src/headers/scripts"), "../../lib/kbuild/scripts");
        File.CreateSymbolicLink(temp.Combine("src/headers/include/b.h"), "a.h");

        DirectoryCopier.Copy(temp.Combine("src/headers"), temp.Combine("copy"));

        Assert.Equal(temp.Combine("lib/kbuild/scripts"), new FileInfo(temp.Combine("copy/scripts")).LinkTarget);
        Assert.Equal("a.h", new FileInfo(temp.Combine("copy/include/b.h")).LinkTarget);
        Assert.Equal("x", File.ReadAllText(temp.Combine("copy/scripts/Makefile.build")));
        Assert.Equal("#define A 1", File.ReadAllText(temp.Combine("copy/include/a.h")));
    }
}
