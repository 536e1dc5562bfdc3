// Source: lwtools
// Original: disk/bitesize-nd.stp
// Area: io
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>Block I/O request sizes per process, as log2 histograms (non-debuginfo probes).</summary>
public sealed class Bitesize : ProbeScript
{
    static readonly StapMap<string, Stats> sz = new();

    [Probe("begin")]
    void Begin() => Printf("Tracing block I/O... Hit Ctrl-C to end.\n");

    [Probe("kernel.trace(\"block_rq_insert\")")]
    void Insert()
    {
        // You aren't supposed to access __data_len directly as it is internal, but I don't see another way...
        sz[ExecName()].Add(Var.Long("rq->__data_len"));
    }

    [Probe("end")]
    void End()
    {
        Printf("\nI/O size (bytes):\n\n");
        foreach (var (name, size) in sz.OrderBy(e => e.Value))
        {
            Printf("process name: %s\n", name);
            Print(size.HistLog());
        }
        sz.Clear();
    }
}
