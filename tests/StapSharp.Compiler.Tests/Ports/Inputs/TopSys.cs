// Source: systemtap
// Original: testsuite/systemtap.examples/profiling/topsys.stp
// Area: counting
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>The 20 most frequent system calls, every 5 seconds, and for Prometheus.</summary>
public sealed class TopSys : ProbeScript
{
    static readonly StapMap<string, Stats> syscalls_count = new();

    [Probe("syscall_any")]
    void Count(string name) => syscalls_count[name].Add(1);

    static void print_systop()
    {
        Printf("%25s %10s\n", "SYSCALL", "COUNT");
        foreach (var (syscall, _) in syscalls_count.OrderByDescending(e => e.Value).Take(20))
        {
            Printf("%25s %10d\n", syscall, syscalls_count[syscall].Count());
        }

        syscalls_count.Clear();
    }

    [Probe("timer.s(5)")]
    void Report()
    {
        print_systop();
        Printf("--------------------------------------------------------------\n");
    }

    static readonly StapMap<string, long> prom_arr = new();

    [Probe("prometheus")]
    void Prometheus([Target] ref string value)
    {
        foreach (var (syscall, _) in syscalls_count.OrderByDescending(e => e.Value).Take(20))
            prom_arr[syscall] = syscalls_count[syscall].Count();

        PrometheusDumpArray1(ref value, prom_arr, "top_syscall_count", "name");
        prom_arr.Clear();
    }
}
