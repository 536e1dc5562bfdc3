// Original: profiling/thread-times.stp
// SystemTap: testsuite/systemtap.examples at commit 2e5a1050a2ceefd238a451712c3d05c008523dbd
// Area: profiling
// Faithful: no
// Differs: tick counts are long maps (++), not statistics (<<< 1, @count), so they are shared
// Differs: globals where the original relies on contention-free aggregates; the report is unsorted
// Differs: and unlimited ("foreach ([e,tid] in tids- limit 20)" has no C# form yet).
using StapSharp;
using static StapSharp.Stap;

/// <summary>User and kernel CPU share per thread, every 5 seconds and at the end.</summary>
public sealed class ThreadTimes : ProbeScript
{
    static readonly StapMap<(string, long), long> uticks = new(wrap: true);
    static readonly StapMap<(string, long), long> kticks = new(wrap: true);
    static long ticks;
    static readonly StapMap<(string, long), long> tids = new(wrap: true);

    [Probe("perf.sw.cpu_clock!")]
    [Probe("timer.profile")]
    void Tick()
    {
        var tid = Tid();
        var e = ExecName();
        if (UserMode() == 0)
            kticks[(e, tid)]++;
        else
            uticks[(e, tid)]++;
        ticks++;
        tids[(e, tid)]++;
    }

    [Probe("timer.s(5)")]
    [Probe("end")]
    void Report()
    {
        var allticks = ticks;
        Printf("%16s %5s %7s %7s (of %d ticks)\n", "comm", "tid", "%user", "%kernel", allticks);
        foreach (var ((e, tid), _) in tids)
        {
            var uscaled = uticks[(e, tid)] * 10000 / allticks;
            var kscaled = kticks[(e, tid)] * 10000 / allticks;
            Printf("%16s %5d %3d.%02d%% %3d.%02d%%\n", e, tid, uscaled / 100, uscaled % 100, kscaled / 100, kscaled % 100);
        }

        Printf("\n");
        uticks.Clear();
        kticks.Clear();
        ticks = 0;
        tids.Clear();
    }
}
