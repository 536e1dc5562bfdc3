// Original: process/syscalls_by_pid.stp
// SystemTap: testsuite/systemtap.examples at commit 2e5a1050a2ceefd238a451712c3d05c008523dbd
// Area: counting
// Faithful: no
// Differs: counts are a long map (++), not statistics (<<< 1, @sum), and the report is unsorted
// Differs: (foreach over syscalls- has no C# form yet).
using StapSharp;
using static StapSharp.Stap;

/// <summary>System calls per process id, printed at the end.</summary>
public sealed class SyscallsByPid : ProbeScript
{
    static readonly StapMap<long, long> syscalls = new();

    [Probe("begin")]
    void Begin() => Print("Collecting data... Type Ctrl-C to exit and display results\n");

    [Probe("syscall_any")]
    void Count() => syscalls[Pid()]++;

    [Probe("end")]
    void End()
    {
        Printf("%-10s %-s\n", "#SysCalls", "PID");
        foreach (var (pid, count) in syscalls)
            Printf("%-10d %-d\n", count, pid);
    }
}
