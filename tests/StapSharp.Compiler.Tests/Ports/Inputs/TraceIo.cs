// Original: io/traceio.stp
// SystemTap: testsuite/systemtap.examples at commit 2e5a1050a2ceefd238a451712c3d05c008523dbd
// Area: io
// Faithful: no
// Differs: the report is unsorted and unlimited ("foreach ([p,e] in total_io- limit 10)" has no C#
// Differs: form yet), and the byte count is $return, not the returnval() tapset function, which
// Differs: StapSharp.Stap does not offer yet.
using StapSharp;
using static StapSharp.Stap;

/// <summary>Cumulative reads and writes per process, every second.</summary>
public sealed class TraceIo : ProbeScript
{
    static readonly StapMap<(long, string), long> reads = new();
    static readonly StapMap<(long, string), long> writes = new();
    static readonly StapMap<(long, string), long> total_io = new();

    [Probe("vfs.read.return")]
    void Read([Target("return")] long ret)
    {
        if (ret > 0)
        {
            reads[(Pid(), ExecName())] += ret;
            total_io[(Pid(), ExecName())] += ret;
        }
    }

    [Probe("vfs.write.return")]
    void Write([Target("return")] long ret)
    {
        if (ret > 0)
        {
            writes[(Pid(), ExecName())] += ret;
            total_io[(Pid(), ExecName())] += ret;
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
        foreach (var ((p, e), _) in total_io)
            Printf("%8d %15s r: %12s w: %12s\n", p, e, humanreadable(reads[(p, e)]), humanreadable(writes[(p, e)]));
        Printf("\n");
    }
}
