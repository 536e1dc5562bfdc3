// Original: profiling/topsys.stp
// SystemTap: testsuite/systemtap.examples at commit 2e5a1050a2ceefd238a451712c3d05c008523dbd
// Area: counting
// Faithful: no
// Differs: counts are a long map, not statistics; the report is unsorted and unlimited (no C# form
// Differs: yet for "foreach ... - limit 20"); the prometheus probe is left out (its
// Differs: @prometheus_dump_array1 macro has no C# form).
using StapSharp;
using static StapSharp.Stap;

/// <summary>The most frequent system calls, every 5 seconds.</summary>
public sealed class TopSys : ProbeScript
{
    static readonly StapMap<string, long> syscalls_count = new();

    [Probe("syscall_any")]
    void Count(string name) => syscalls_count[name]++;

    static void print_systop()
    {
        Printf("%25s %10s\n", "SYSCALL", "COUNT");
        foreach (var (syscall, count) in syscalls_count)
            Printf("%25s %10d\n", syscall, count);
        syscalls_count.Clear();
    }

    [Probe("timer.s(5)")]
    void Report()
    {
        print_systop();
        Printf("--------------------------------------------------------------\n");
    }
}
