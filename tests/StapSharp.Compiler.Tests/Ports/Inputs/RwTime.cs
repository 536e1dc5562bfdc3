// Source: lwtools
// Original: bin/rwtime-nd.stp
// Area: latency
// Faithful: no
// Differs: the original reads the tapset's global argv_1 (the first argument, "" without one); a tapset
// Differs: global has no C# form, so the port declares that argument itself as a [ScriptArgument] string field.
using StapSharp;
using static StapSharp.Stap;

/// <summary>read() and write() latency as log2 histograms, for every process or one by name (non-debuginfo probes).</summary>
public sealed class RwTime : ProbeScript
{
    static readonly Stats read = new();
    static readonly Stats write = new();
    static string tproc = "";

    [ScriptArgument(1)] static string argv_1 = "";

    [Probe("begin")]
    void Begin()
    {
        tproc = argv_1;
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
