// Source: lwtools
// Original: biolatency-nd.stp
// Area: latency
// Faithful: no
// Differs: `count && (++output == count) && exit()` and `!interval && print_report()` are `if` statements, as
// Differs: C# has no expression statement of `&&` (nor a void call inside one). The tapset's argv_1 and argv_2
// Differs: are read as they are, through Argv1 and Argv2.
using StapSharp;
using static StapSharp.Stap;

/// <summary>Block I/O latency as a log2 histogram, at the end or every INTERVAL seconds, COUNT times (non-debuginfo probes).</summary>
public sealed class Biolatency : ProbeScript
{
    static readonly StapMap<long, long> ts = new(maxEntries: 65536); // 65536 is max concurrent I/O
    static readonly Stats lat = new();
    static long interval = 0;
    static long secs = 0;
    static long count = 0;
    static long output = 0;

    [Probe("begin")]
    void Begin()
    {
        Printf("Tracing block I/O... ");
        if (Argv1 != "")
        {
            interval = StrToL(Argv1, 10);
            if (Argv2 != "")
            {
                count = StrToL(Argv2, 10);
            }
            Printf("Output every %d secs.\n", interval);
        }
        else
        {
            Printf("Hit Ctrl-C to end.\n");
        }
    }

    [Probe("kernel.trace(\"block_rq_issue\")")]
    void Issue() => ts[Var.Long("rq")] = GetTimeOfDayNs();

    [Probe("kernel.trace(\"block_rq_complete\")")]
    void Complete()
    {
        if (ts[Var.Long("rq")] != 0)
        {
            lat.Add(GetTimeOfDayNs() - ts[Var.Long("rq")]);
            ts.Remove(Var.Long("rq"));
        }
    }

    static void print_report()
    {
        Printf("\nbio latency (ns):\n");
        if (lat.Count() != 0) { Print(lat.HistLog()); }
        lat.Clear();
    }

    [Probe("timer.s(1)")]
    void Tick()
    {
        if (interval != 0)
        {
            if (++secs == interval)
            {
                print_report();
                secs = 0;
                if (count != 0 && ++output == count) Exit();
            }
        }
    }

    [Probe("end")]
    void End()
    {
        if (interval == 0) print_report();
        secs = default;
        output = default;
    }
}
