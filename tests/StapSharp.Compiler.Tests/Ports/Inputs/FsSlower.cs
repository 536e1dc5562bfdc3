// Source: lwtools
// Original: fs/fsslower-nd.stp
// Area: latency
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>File system sync reads and writes slower than a threshold (10 ms by default), one line each (non-debuginfo probes).</summary>
public sealed class FsSlower : ProbeScript
{
    static readonly StapMap<long, long> ts = new(maxEntries: 65536); // 65536 is max concurrent I/O
    static readonly StapMap<long, long> sz = new(maxEntries: 65536);
    static long min_ms = 10;

    [Probe("begin")]
    void Begin()
    {
        if (Argv1 != "")
        {
            min_ms = StrToL(Argv1, 10);
        }
        Printf("Tracing FS sync reads and writes slower than %d ms...", min_ms);
        Printf(" Hit Ctrl-C to end.\n");
        Printf("%-8s %-6s %-16s %-14s %-7s %8s\n", "TIME", "PID", "COMM", "FUNC", "SIZE", "LAT(ms)");
    }

    static string hhmmss() => Substr(CTime(GetTimeOfDayS()), 11, 8);

    [Probe("kprobe.function(\"do_sync_read\")")]
    [Probe("kprobe.function(\"do_sync_write\")")]
    void Enter()
    {
        sz[Tid()] = IntArg(3);
        ts[Tid()] = GetTimeOfDayNs();
    }

    [Probe("kprobe.function(\"sock_aio_write\")")]
    void SocketWrite()
    {
        // not a file system write
        sz[Tid()] = 0;
        ts[Tid()] = 0;
    }

    [Probe("kprobe.function(\"do_sync_read\").return")]
    [Probe("kprobe.function(\"do_sync_write\").return")]
    void Return()
    {
        if (ts[Tid()] != 0)
        {
            var lat = (GetTimeOfDayNs() - ts[Tid()]) / 1000000;
            if (lat >= min_ms)
            {
                Printf("%-8s %-6d %-16s %-14s %-7d %8d\n", hhmmss(), Pid(), ExecName(), ProbeFunction(), sz[Tid()], lat);
            }
            sz.Remove(Tid());
            ts.Remove(Tid());
        }
    }
}
