// Source: todaygood
// Original: histogram-kernel.stp
// Area: latency
// Faithful: yes
// Arguments: kernel.function("vfs_read")
using StapSharp;
using static StapSharp.Stap;

/// <summary>Time spent in the kernel function given as the first argument, per CPU, as a linear histogram after SECONDS (30 by default).</summary>
public sealed class HistogramKernel : ProbeScript
{
    static readonly StapMap<long, long> trace = new(maxEntries: 256);
    static readonly StapMap<long, long> etime = new(maxEntries: 256);
    static readonly Stats intervals = new();

    [ScriptArgument(1)] static string Function;
    [ScriptArgument(2)] static long Seconds = 30;

    [Probe("{Function}.call")]
    void Call()
    {
        trace[Cpu()]++;
        if (trace[Cpu()] == 1)
        {
            etime[Cpu()] = GetTimeOfDayNs();
        }
    }

    [Probe("{Function}.return")]
    void Return()
    {
        trace[Cpu()]--;
        if (trace[Cpu()] <= 0)
        {
            var t1_ns = etime[Cpu()];
            trace[Cpu()] = 0;
            etime[Cpu()] = 0;
            if (t1_ns == 0)
            {
                Printf("Cpu %d was already in that function?\n", Cpu());
            }
            else
            {
                intervals.Add((GetTimeOfDayNs() - t1_ns) / 1000);
            }
        }
    }

    [Probe("end")]
    void End()
    {
        Printf("Duration min:%dus avg:%dus max:%dus count:%d\n",
            intervals.Min(), intervals.Avg(), intervals.Max(), intervals.Count());
        Printf("Duration (us):\n");
        Print(intervals.HistLinear(0, 5000, 50));
        Printf("\n");
    }

    [Probe("timer.sec({Seconds})")]
    void Stop() => Exit();
}
