// Source: lwtools
// Original: bin/opensnoop-nd.stp
// Area: io
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>Every open(): user, process, file descriptor and path (non-debuginfo probes).</summary>
public sealed class OpenSnoop : ProbeScript
{
    [Probe("begin")]
    void Begin() => Printf("%6s %6s %16s %4s %s\n", "UID", "PID", "COMM", "FD", "PATH");

    [Probe("nd_syscall.open.return")]
    void Opened()
    {
        // trace on return to ensure the pathname has faulted in
        Printf("%6d %6d %16s %4d %s\n", Uid(), Pid(), ExecName(), ReturnVal(), UserString(Entry(PointerArg(1)), "-"));
    }
}
