// Source: lwtools
// Original: fs/fslatency-nd.stp
// Area: latency
// Faithful: no
// Differs: `count && (++output == count) && exit()` and `!interval && print_report()` are `if` statements, as
// Differs: C# has no expression statement of `&&` (nor a void call inside one). The tapset's argv_1 and argv_2
// Differs: are read as they are, through Argv1 and Argv2.
using StapSharp;
using static StapSharp.Stap;

/// <summary>File system sync read and write latency per function, as log2 histograms (non-debuginfo probes).</summary>
public sealed class FsLatency : ProbeScript
{
    static readonly StapMap<long, long> ts = new(maxEntries: 65536); // 65536 is max concurrent I/O
    static readonly StapMap<string, Stats> lat = new();
    static long interval = 0;
    static long secs = 0;
    static long count = 0;
    static long output = 0;

    [Probe("begin")]
    void Begin()
    {
        Printf("Tracing FS sync reads and writes... ");
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

    [Probe("kprobe.function(\"do_sync_read\")")]
    [Probe("kprobe.function(\"do_sync_write\")")]
    void Enter() => ts[Tid()] = GetTimeOfDayNs();

    [Probe("kprobe.function(\"sock_aio_write\")")]
    void SocketWrite()
    {
        // not a file system write
        ts[Tid()] = 0;
    }

    [Probe("kprobe.function(\"do_sync_read\").return")]
    [Probe("kprobe.function(\"do_sync_write\").return")]
    void Return()
    {
        if (ts[Tid()] != 0)
        {
            lat[ProbeFunction()].Add(GetTimeOfDayNs() - ts[Tid()]);
            ts.Remove(Tid());
        }
    }

    static void print_report()
    {
        Printf("\n");
        if (interval != 0) { Printf("%s ", CTime(GetTimeOfDayS())); }
        Printf("FS latency (ns):\n\n");
        foreach (var (name, latency) in lat.OrderBy(e => e.Value))
        {
            Printf("FS call: %s()\n", name);
            Print(latency.HistLog());
        }
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
