using StapSharp.Runtime.Tests.Support;
using StapSharp.Runtime.Toolchain;

namespace StapSharp.Runtime.Tests.Toolchain;

public class ElfInspectorTests
{
    [Fact]
    public void A_dynamically_linked_program_is_not_static()
    {
        var ls = File.Exists("/usr/bin/ls") ? "/usr/bin/ls" : "/bin/ls";
        Assert.False(ElfInspector.IsStaticallyLinked(ls));
    }

    [Fact]
    public void Non_elf_files_are_unknown()
    {
        using var temp = new TempDir();
        Assert.Null(ElfInspector.IsStaticallyLinked(temp.Write("script.sh", "#!/bin/sh\necho hi\n")));
    }

    [RequiresToolFact(ToolTier.Vm)]
    public void The_discovered_busybox_is_static() =>
        Assert.True(ElfInspector.IsStaticallyLinked(ToolAvailability.Discovered.BusyboxPath!));
}
