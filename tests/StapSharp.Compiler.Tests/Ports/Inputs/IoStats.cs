// Source: systemtap
// Original: testsuite/systemtap.examples/io/iostats.stp
// Area: io
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>Opens, reads and writes per program, with totals and average sizes, at the end.</summary>
public sealed class IoStats : ProbeScript
{
    static readonly StapMap<string, Stats> opens = new();
    static readonly StapMap<string, Stats> reads = new();
    static readonly StapMap<string, Stats> writes = new();
    static readonly StapMap<string, Stats> totals = new();

    [Probe("begin")]
    void Begin() => Printf("starting probe\n");

    [Probe("syscall.open")]
    void Open() => opens[ExecName()].Add(1);

    [Probe("syscall.read.return")]
    void Read(long retval)
    {
        var count = retval;
        if (count >= 0)
        {
            reads[ExecName()].Add(count);
            totals[ExecName()].Add(count);
        }
    }

    [Probe("syscall.write.return")]
    void Write(long retval)
    {
        var count = retval;
        if (count >= 0)
        {
            writes[ExecName()].Add(count);
            totals[ExecName()].Add(count);
        }
    }

    [Probe("end")]
    void End()
    {
        Printf("\n%16s %8s %8s %8s %8s %8s %8s %8s\n", "", "", "", "read", "read", "", "write", "write");
        Printf("%16s %8s %8s %8s %8s %8s %8s %8s\n", "name", "open", "read", "KB tot", "B avg", "write", "KB tot", "B avg");
        foreach (var (name, _) in totals.OrderByDescending(e => e.Value.Sum()).Take(20))
        {
            Printf("%16s %8d %8d %8d %8d %8d %8d %8d\n",
                name, opens[name].Count(),
                reads[name].Count(),
                reads[name].Count() != 0 ? reads[name].Sum() >> 10 : 0,
                reads[name].Count() != 0 ? reads[name].Avg() : 0,
                writes[name].Count(),
                writes[name].Count() != 0 ? writes[name].Sum() >> 10 : 0,
                writes[name].Count() != 0 ? writes[name].Avg() : 0);
        }
    }
}
