// Source: systemtap
// Original: testsuite/systemtap.examples/profiling/topsys.stp
// Area: counting
// Faithful: no
// Differs: the prometheus probe is left out: its @prometheus_dump_array1 macro has no C# form.
using StapSharp;
using static StapSharp.Stap;

/// <summary>The 20 most frequent system calls, every 5 seconds.</summary>
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
}
