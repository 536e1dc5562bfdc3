// Original: io/iotop.stp
// SystemTap: testsuite/systemtap.examples at commit 2e5a1050a2ceefd238a451712c3d05c008523dbd
// Area: io
// Faithful: no
// Differs: byte totals are long maps (+=), not statistics (<<<, @sum), and the report is unsorted
// Differs: and unlimited ("foreach (name in total_io @sum- limit 10)" has no C# form yet).
using StapSharp;
using static StapSharp.Stap;

/// <summary>The processes reading and writing the most, every 5 seconds.</summary>
public sealed class IoTop : ProbeScript
{
    static readonly StapMap<string, long> reads = new();
    static readonly StapMap<string, long> writes = new();
    static readonly StapMap<string, long> total_io = new();

    [Probe("vfs.read.return")]
    void Read(long bytes_read)
    {
        reads[ExecName()] += bytes_read;
        total_io[ExecName()] += bytes_read;
    }

    [Probe("vfs.write.return")]
    void Write(long bytes_written)
    {
        writes[ExecName()] += bytes_written;
        total_io[ExecName()] += bytes_written;
    }

    [Probe("timer.s(5)")]
    void Report()
    {
        Printf("%16s\t%10s\t%10s\n", "Process", "KB Read", "KB Written");
        foreach (var (name, _) in total_io)
            Printf("%16s\t%10d\t%10d\n", name, reads[name] / 1024, writes[name] / 1024);
        reads.Clear();
        writes.Clear();
        total_io.Clear();
        Print("\n");
    }
}
