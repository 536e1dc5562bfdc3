// Original: io/iostats.stp
// SystemTap: testsuite/systemtap.examples at commit 2e5a1050a2ceefd238a451712c3d05c008523dbd
// Area: io
// Faithful: no
// Differs: each statistics array (<<<, @count, @sum, @avg) becomes a count map and a bytes map, the
// Differs: averages are computed by division, and the report is unsorted and unlimited
// Differs: ("foreach (name in totals @sum- limit 20)" has no C# form yet).
using StapSharp;
using static StapSharp.Stap;

/// <summary>Opens, reads and writes per program, with totals and average sizes, at the end.</summary>
public sealed class IoStats : ProbeScript
{
    static readonly StapMap<string, long> opens = new();
    static readonly StapMap<string, long> reads = new();
    static readonly StapMap<string, long> read_bytes = new();
    static readonly StapMap<string, long> writes = new();
    static readonly StapMap<string, long> write_bytes = new();
    static readonly StapMap<string, long> totals = new();

    [Probe("begin")]
    void Begin() => Printf("starting probe\n");

    [Probe("syscall.open")]
    void Open() => opens[ExecName()]++;

    [Probe("syscall.read.return")]
    void Read(long retval)
    {
        var count = retval;
        if (count >= 0)
        {
            reads[ExecName()]++;
            read_bytes[ExecName()] += count;
            totals[ExecName()] += count;
        }
    }

    [Probe("syscall.write.return")]
    void Write(long retval)
    {
        var count = retval;
        if (count >= 0)
        {
            writes[ExecName()]++;
            write_bytes[ExecName()] += count;
            totals[ExecName()] += count;
        }
    }

    [Probe("end")]
    void End()
    {
        Printf("\n%16s %8s %8s %8s %8s %8s %8s %8s\n", "", "", "", "read", "read", "", "write", "write");
        Printf("%16s %8s %8s %8s %8s %8s %8s %8s\n", "name", "open", "read", "KB tot", "B avg", "write", "KB tot", "B avg");
        foreach (var (name, _) in totals)
        {
            Printf("%16s %8d %8d %8d %8d %8d %8d %8d\n",
                name, opens[name],
                reads[name],
                reads[name] != 0 ? read_bytes[name] >> 10 : 0,
                reads[name] != 0 ? read_bytes[name] / reads[name] : 0,
                writes[name],
                writes[name] != 0 ? write_bytes[name] >> 10 : 0,
                writes[name] != 0 ? write_bytes[name] / writes[name] : 0);
        }
    }
}
