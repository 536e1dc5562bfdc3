// Source: todaygood
// Original: FlameGraph/flame-kernel.stp
// Area: profiling
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>Kernel stacks sampled every tick, for a flame graph, printed after SECONDS (the second argument; 30 without one).</summary>
public sealed class FlameKernel : ProbeScript
{
    static readonly StapMap<string, Stats> s = new(wrap: true);

    static bool HasSeconds => Kernel.ArgumentCount > 1;

    [ScriptArgument(2)] static long Seconds;

    // Two ways of getting the timer - either perf.hw.instructions
    // (every 100m instructions), or timer.profile - every jiffie tick.
    [Probe("timer.profile")]
    void Sample() => s[Backtrace()].Add(1);

    [Probe("end")]
    void End()
    {
        foreach (var (i, _) in s.OrderBy(e => e.Value))
        {
            PrintStack(i);
            Printf("\t%d\n", s[i].Count());
        }
    }

    [BuildIf(nameof(HasSeconds))]
    [Probe("timer.sec({Seconds})")]
    void Stop() => Exit();

    [BuildIf(nameof(HasSeconds), Otherwise = true)]
    [Probe("timer.sec(30)")]
    void StopAfterDefault() => Exit();
}
