// Source: systemtap
// Original: testsuite/systemtap.examples/process/syscalls_by_proc.stp
// Area: counting
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>System calls per process name, most first, printed at the end.</summary>
public sealed class SyscallsByProc : ProbeScript
{
    static readonly StapMap<string, Stats> syscalls = new();

    [Probe("begin")]
    void Begin() => Print("Collecting data... Type Ctrl-C to exit and display results\n");

    [Probe("syscall_any")]
    void Count() => syscalls[ExecName()].Add(1);

    [Probe("end")]
    void End()
    {
        Printf("%-10s %-s\n", "#SysCalls", "Process Name");
        foreach (var (proc, _) in syscalls.OrderByDescending(e => e.Value))
            Printf("%-10d %-s\n", syscalls[proc].Sum(), proc);
    }
}
