// Original: profiling/errno.stp
// SystemTap: testsuite/systemtap.examples at commit 2e5a1050a2ceefd238a451712c3d05c008523dbd
// Area: profiling
// Faithful: no
// Differs: error counts are a long map (++), not statistics (<<< 1, @count); the report is unsorted
// Differs: and unlimited ("foreach (... in errors- limit 20)" has no C# form yet); the prometheus
// Differs: probe is left out (its @prometheus_dump_array3 macro has no C# form).
using StapSharp;
using static StapSharp.Stap;

/// <summary>Failing system calls by process, error and call, printed at the end.</summary>
public sealed class SyscallErrors : ProbeScript
{
    static readonly StapMap<long, string> execname = new();
    static readonly StapMap<(long, long, string), long> errors = new();

    [Probe("syscall_any.return")]
    void Return(long retval, string name)
    {
        var errno = retval;
        if (errno < 0)
        {
            var p = Pid();
            execname[p] = ExecName();
            errors[(p, errno, name)]++;
        }
    }

    [Probe("end")]
    void End()
    {
        Printf("\n");
        Printf("%8s %-32s %-16s %-12s %8s\n", "PID", "Syscall", "Process", "Error", "Count");
        foreach (var ((pid, error, thissyscall), count) in errors)
            Printf("%8d %-32s %-16s %-12s %8d\n", pid, thissyscall, execname[pid], error != 0 ? ErrnoStr(error) : "", count);
    }
}
