// Source: systemtap
// Original: testsuite/systemtap.examples/process/syscalls_by_pid.stp
// Area: counting
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>System calls per process id, most first, printed at the end.</summary>
public sealed class SyscallsByPid : ProbeScript
{
    static readonly StapMap<long, Stats> syscalls = new();

    [Probe("begin")]
    void Begin() => Print("Collecting data... Type Ctrl-C to exit and display results\n");

    [Probe("syscall_any")]
    void Count() => syscalls[Pid()].Add(1);

    [Probe("end")]
    void End()
    {
        Printf("%-10s %-s\n", "#SysCalls", "PID");
        foreach (var (pid, _) in syscalls.OrderByDescending(e => e.Value))
            Printf("%-10d %-d\n", syscalls[pid].Sum(), pid);
    }
}
