// Source: sjtuhjh
// Original: base/cpu_time.stp
// Area: profiling
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>On which CPUs each thread was sampled, as a linear histogram per process and thread, and the time traced.</summary>
public sealed class CpuTime : ProbeScript
{
    static readonly StapMap<(string, long), Stats> sample = new();
    static long time;

    [Probe("timer.profile")]
    void Tick() => sample[(ExecName(), Tid())].Add(Cpu());

    [Probe("begin")]
    void Begin() => time = GetTimeOfDayS();

    [Probe("end")]
    void End()
    {
        foreach (var ((p, t), cpus) in sample)
        {
            Printf("process:%-20s TID:%5d \ncpu\tsamples\n", p, t);
            Print(cpus.HistLinear(0, 120, 1));
        }

        time = GetTimeOfDayS() - time;
        Printf("\nTotal............................:%5d secs.\n", time);
    }
}
