// Source: systemtap
// Original: testsuite/systemtap.examples/profiling/errno.stp
// Area: profiling
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>The 20 most frequent failing system calls by process, error and call, at the end and to Prometheus.</summary>
public sealed class SyscallErrors : ProbeScript
{
    static readonly StapMap<long, string> execname = new();
    static readonly StapMap<(long, long, string), Stats> errors = new();

    [Probe("syscall_any.return")]
    void Return(long retval, string name)
    {
        var errno = retval;
        if (errno < 0)
        {
            var p = Pid();
            execname[p] = ExecName();
            errors[(p, errno, name)].Add(1);
        }
    }

    [Probe("end")]
    void End()
    {
        Printf("\n");
        Printf("%8s %-32s %-16s %-12s %8s\n", "PID", "Syscall", "Process", "Error", "Count");
        foreach (var ((pid, error, thissyscall), _) in errors.OrderByDescending(e => e.Value).Take(20))
        {
            Printf("%8d %-32s %-16s %-12s %8d\n", pid, thissyscall, execname[pid], error != 0 ? ErrnoStr(error) : "",
                errors[(pid, error, thissyscall)].Count());
        }
    }

    static readonly StapMap<(long, long, string), long> prom_arr = new();

    [Probe("prometheus")]
    void Prometheus([Target] ref string value)
    {
        foreach (var ((p, errno, name), _) in errors.OrderByDescending(e => e.Value).Take(20))
        {
            prom_arr[(p, errno, name)] = errors[(p, errno, name)].Count();
        }

        PrometheusDumpArray3(ref value, prom_arr, "syscall_error_count", "pid", "errno", "name");
        prom_arr.Clear();
    }
}
