// Source: soarpenguin
// Original: inodewatch.stp
// Area: io
// Faithful: yes
// Arguments: 8 1 789137
using StapSharp;
using static StapSharp.Stap;

/// <summary>Who reads or writes one file, given as the device's major and minor numbers and the inode number.</summary>
public sealed class InodeWatch : ProbeScript
{
    [Probe("vfs.write")]
    [Probe("vfs.read")]
    void Access(long dev, long ino)
    {
        // dev and ino are defined by vfs.write and vfs.read
        if (dev == MkDev(Var.Argument(1), Var.Argument(2)) // major/minor device
            && ino == Var.Argument(3))
            Printf("%s(%d) %s 0x%x/%u\n", ExecName(), Pid(), ProbeFunc(), dev, ino);
    }
}
