// Source: soarpenguin
// Original: inodewatch.stp
// Area: io
// Faithful: no
// Differs: the original uses $1, $2 and $3 in the condition; in C# a script argument is a [ScriptArgument]
// Differs: field, so the port reads the globals major = $1, minor = $2 and inode = $3 instead.
// Arguments: 8 1 789137
using StapSharp;
using static StapSharp.Stap;

/// <summary>Who reads or writes one file, given as the device's major and minor numbers and the inode number.</summary>
public sealed class InodeWatch : ProbeScript
{
    [ScriptArgument(1)] static long major;
    [ScriptArgument(2)] static long minor;
    [ScriptArgument(3)] static long inode;

    [Probe("vfs.write")]
    [Probe("vfs.read")]
    void Access(long dev, long ino)
    {
        // dev and ino are defined by vfs.write and vfs.read
        if (dev == MkDev(major, minor) // major/minor device
            && ino == inode)
            Printf("%s(%d) %s 0x%x/%u\n", ExecName(), Pid(), ProbeFunc(), dev, ino);
    }
}
