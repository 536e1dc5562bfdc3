// Source: systemtap
// Original: testsuite/systemtap.examples/profiling/thread-times.stp
// Area: profiling
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>User and kernel CPU share of the 20 busiest threads, every 5 seconds and at the end.</summary>
public sealed class ThreadTimes : ProbeScript
{
    static readonly StapMap<(string, long), Stats> uticks = new(wrap: true);
    static readonly StapMap<(string, long), Stats> kticks = new(wrap: true);
    static readonly Stats ticks = new();
    static readonly StapMap<(string, long), Stats> tids = new(wrap: true);

    [Probe("perf.sw.cpu_clock!")]
    [Probe("timer.profile")]
    void Tick()
    {
        var tid = Tid();
        var e = ExecName();
        if (!UserMode())
            kticks[(e, tid)].Add(1);
        else
            uticks[(e, tid)].Add(1);
        ticks.Add(1);
        tids[(e, tid)].Add(1);
    }

    [Probe("timer.s(5)")]
    [Probe("end")]
    void Report()
    {
        var allticks = ticks.Count();
        Printf("%16s %5s %7s %7s (of %d ticks)\n", "comm", "tid", "%user", "%kernel", allticks);
        foreach (var ((e, tid), _) in tids.OrderByDescending(x => x.Value).Take(20))
        {
            var uscaled = uticks[(e, tid)].Count() * 10000 / allticks;
            var kscaled = kticks[(e, tid)].Count() * 10000 / allticks;
            Printf("%16s %5d %3d.%02d%% %3d.%02d%%\n", e, tid, uscaled / 100, uscaled % 100, kscaled / 100, kscaled % 100);
        }

        Printf("\n");
        uticks.Clear();
        kticks.Clear();
        ticks.Clear();
        tids.Clear();
    }
}
