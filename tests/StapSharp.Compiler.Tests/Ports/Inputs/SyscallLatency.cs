// Source: systemtap
// Original: testsuite/systemtap.examples/profiling/syscalllatency.stp
// Area: latency
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>Time spent in each system call, per process, served to Prometheus.</summary>
public sealed class SyscallLatency : ProbeScript
{
    static readonly StapMap<(long, long), long> arr = new(maxEntries: 20000, wrap: true);
    static readonly StapMap<long, long> sys = new(maxEntries: 20000, wrap: true);
    static readonly StapMap<long, long> entry_time = new(maxEntries: 20000, wrap: true);

    [Probe("syscall_any")]
    void Enter(long syscall_nr)
    {
        entry_time[Tid()] = GetTimeOfDayNs();
        sys[Tid()] = syscall_nr;
    }

    [Probe("syscall_any.return")]
    void Return()
    {
        var et = entry_time[Tid()];
        var id = sys[Tid()];
        entry_time.Remove(Tid());
        sys.Remove(Tid());
        if (et != 0)
            arr[(Pid(), id)] += GetTimeOfDayNs() - et;
    }

    [Probe("scheduler.process_exit")]
    void ProcessExit() => arr.RemoveMatching((Pid(), Any.Long));

    static string ns2sec(long v) => Sprintf("%d.%d", v / 1000000000, v % 1000000000);

    [Probe("prometheus")]
    void Prometheus([Target] ref string value) =>
        PrometheusDumpArray2Map(ref value, arr, "syscall_time", "pid", "syscall", ns2sec, Sprint, SyscallName);
}
