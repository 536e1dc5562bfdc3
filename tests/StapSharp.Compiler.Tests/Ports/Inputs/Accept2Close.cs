// Source: lwtools
// Original: bin/accept2close-nd.stp
// Area: network
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>Socket lifetimes, accept() to close(), slower than an optional threshold in ms (non-debuginfo probes).</summary>
public sealed class Accept2Close : ProbeScript
{
    static readonly Stats duration = new();
    static readonly StapMap<(long, long), long> ts = new();
    static long min_ns;

    [Probe("begin")]
    void Begin()
    {
        // process arguments
        if (Argv1 != "")
        {
            min_ns = StrToL(Argv1, 10) * 1000000;
            Printf("Only tracing events slower than %s ms.\n", Argv1);
        }
        else
        {
            min_ns = 0;
        }

        Printf("%-24s %-6s %-14s %-4s %s\n", "TIME", "PID", "COMM", "FD", "DURATION");
    }

    [Probe("nd_syscall.accept.return")]
    [Probe("nd_syscall.accept4.return")]
    void Accepted() => ts[(Tid(), ReturnVal())] = GetTimeOfDayNs();

    [Probe("nd_syscall.close")]
    void Close()
    {
        var last = ts[(Tid(), IntArg(1))];
        if (last != 0)
        {
            var delta = GetTimeOfDayNs() - last;
            if (delta >= min_ns)
            {
                Printf("%-24s %-6d %-14s %-4d %d ms\n", CTime(GetTimeOfDayS()), Pid(), ExecName(), IntArg(1), delta / 1000000);
                duration.Add(delta);
            }
            ts.Remove((Tid(), IntArg(1)));
        }
    }

    [Probe("end")]
    void End()
    {
        Printf("\nDuration (ns):\n");
        if (duration.Count() != 0) { Print(duration.HistLog()); }
    }
}
