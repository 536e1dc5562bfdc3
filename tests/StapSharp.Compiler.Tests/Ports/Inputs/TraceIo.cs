// Source: systemtap
// Original: testsuite/systemtap.examples/io/traceio.stp
// Area: io
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>Cumulative reads and writes of the ten busiest processes, every second.</summary>
public sealed class TraceIo : ProbeScript
{
    static readonly StapMap<(long, string), long> reads = new();
    static readonly StapMap<(long, string), long> writes = new();
    static readonly StapMap<(long, string), long> total_io = new();

    [Probe("vfs.read.return")]
    void Read()
    {
        if (Call<long>("returnval") > 0)
        {
            reads[(Pid(), ExecName())] += Call<long>("returnval");
            total_io[(Pid(), ExecName())] += Call<long>("returnval");
        }
    }

    [Probe("vfs.write.return")]
    void Write()
    {
        if (Call<long>("returnval") > 0)
        {
            writes[(Pid(), ExecName())] += Call<long>("returnval");
            total_io[(Pid(), ExecName())] += Call<long>("returnval");
        }
    }

    static string humanreadable(long bytes)
    {
        if (bytes > 1024 * 1024 * 1024)
            return Sprintf("%d GiB", bytes / 1024 / 1024 / 1024);
        else if (bytes > 1024 * 1024)
            return Sprintf("%d MiB", bytes / 1024 / 1024);
        else if (bytes > 1024)
            return Sprintf("%d KiB", bytes / 1024);
        else
            return Sprintf("%d   B", bytes);
    }

    [Probe("timer.s(1)")]
    void Report()
    {
        foreach (var ((p, e), _) in total_io.OrderByDescending(e => e.Value).Take(10))
            Printf("%8d %15s r: %12s w: %12s\n", p, e, humanreadable(reads[(p, e)]), humanreadable(writes[(p, e)]));
        Printf("\n");
    }
}
