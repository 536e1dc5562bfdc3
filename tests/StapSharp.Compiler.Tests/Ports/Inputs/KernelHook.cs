// Source: sasasu
// Original: kernel_hook.stp
// Area: latency
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>How long each open took in the VFS, with the path opened.</summary>
public sealed class KernelHook : ProbeScript
{
    [Probe("vfs.open.return")]
    void Opened(string pathname)
    {
        var time = GetTimeOfDayUs() - Entry(GetTimeOfDayUs());
        // pathname defien in vfs.open.return.
        Printf("%s(%d): %s took %6dus\n", ExecName(), Pid(), pathname, time);
    }
}
