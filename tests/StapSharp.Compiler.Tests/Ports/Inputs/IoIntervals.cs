// Source: soarpenguin
// Original: iointervals.stp
// Area: latency
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>Time spent in open, close, read and write per call, with a log2 histogram each.</summary>
public sealed class IoIntervals : ProbeScript
{
    static readonly StapMap<(string, long), long> startcall = new();
    static readonly StapMap<string, Stats> intervals = new();

    // apply multiple probe points when the call enter:
    [Probe("syscall.open")]
    [Probe("syscall.close")]
    [Probe("syscall.read")]
    [Probe("syscall.write")]
    void Enter(string name) => startcall[(name, Tid())] = GetTimeOfDayUs();

    // when the call return, calculate the intervals:
    [Probe("syscall.open.return")]
    [Probe("syscall.close.return")]
    [Probe("syscall.read.return")]
    [Probe("syscall.write.return")]
    void Return(string name)
    {
        var t = GetTimeOfDayUs();
        var old_t = startcall[(name, Tid())];
        if (old_t != 0) intervals[name].Add(t - old_t);
        startcall.Remove((name, Tid()));
    }

    [Probe("begin")]
    void Begin() => Printf("Collecting data... press Ctrl-C to stop.\n");

    // when terminal the running, display the infomation.
    [Probe("end")]
    void End()
    {
        foreach (var (name, interval) in intervals)
        {
            Printf("intervals for %s -- min:%dus avg:%dus max:%dus count:%d\n",
                name, interval.Min(), interval.Avg(), interval.Max(), interval.Count());
            Print(interval.HistLog());
        }
    }
}
