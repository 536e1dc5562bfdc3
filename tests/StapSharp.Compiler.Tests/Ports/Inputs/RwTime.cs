// Source: lwtools
// Original: bin/rwtime-nd.stp
// Area: latency
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>read() and write() latency as log2 histograms, for every process or one by name (non-debuginfo probes).</summary>
public sealed class RwTime : ProbeScript
{
    static readonly Stats read = new();
    static readonly Stats write = new();
    static string tproc = "";

    [Probe("begin")]
    void Begin()
    {
        tproc = Argv1;
        if (tproc != "")
        {
            Printf("Tracing read/write syscalls for processes named \"%s\"", tproc);
        }
        else
        {
            Printf("Tracing read/write syscalls");
        }
        Printf("... Hit Ctrl-C to end.\n");
    }

    [Probe("nd_syscall.read.return")]
    void Read()
    {
        if (tproc == "" || ExecName() == tproc)
        {
            read.Add(GetTimeOfDayNs() - Entry(GetTimeOfDayNs()));
        }
    }

    [Probe("nd_syscall.write.return")]
    void Write()
    {
        if (tproc == "" || ExecName() == tproc)
        {
            write.Add(GetTimeOfDayNs() - Entry(GetTimeOfDayNs()));
        }
    }

    [Probe("end")]
    void End()
    {
        Printf("\nsyscall read latency (ns):\n");
        if (read.Count() != 0) { Print(read.HistLog()); }
        Printf("syscall write latency (ns):\n");
        if (write.Count() != 0) { Print(write.HistLog()); }
    }
}
