// Source: bruceding
// Original: scripts/futexes.stp
// Area: latency
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>Contended user-space locks: how often and how long each process waited on each futex.</summary>
public sealed class Futexes : ProbeScript
{
    static long FUTEX_WAIT = 0;
    static long FUTEX_PRIVATE_FLAG = 128; // linux 2.6.22+
    static long FUTEX_CLOCK_REALTIME = 256; // linux 2.6.29+

    static readonly StapMap<(long, long), Stats> lock_waits = new(); // long-lived stats on (tid,lock) blockage elapsed time
    static readonly StapMap<long, string> process_names = new(); // long-lived pid-to-execname mapping

    static readonly StapMap<long, long> entry_times = new(wrap: true);
    static readonly StapMap<long, long> uaddrs = new(wrap: true);

    [Probe("syscall.futex")]
    void Futex(long op, long futex_uaddr)
    {
        if ((op & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME)) != FUTEX_WAIT) return;
        entry_times[Tid()] = GetTimeOfDayUs();
        uaddrs[Tid()] = futex_uaddr;
    }

    [Probe("syscall.futex.return")]
    void Return()
    {
        if (entry_times[Tid()] == 0) return;
        var elapsed = GetTimeOfDayUs() - entry_times[Tid()];
        lock_waits[(Pid(), uaddrs[Tid()])].Add(elapsed);
        entry_times.Remove(Tid());
        uaddrs.Remove(Tid());
        if (!process_names.ContainsKey(Pid()))
            process_names[Pid()] = ExecName();
    }

    [Probe("end")]
    void End()
    {
        foreach (var ((pid, @lock), waits) in lock_waits.OrderBy(e => e.Key.Item1))
            Printf("%s[%d] lock %p contended %d times, %d avg us\n",
                process_names[pid], pid, @lock, waits.Count(), waits.Avg());
    }
}
