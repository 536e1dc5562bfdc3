// Source: systemtap
// Original: testsuite/systemtap.examples/io/iotop.stp
// Area: io
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>The ten processes reading and writing the most, every 5 seconds.</summary>
public sealed class IoTop : ProbeScript
{
    static readonly StapMap<string, Stats> reads = new();
    static readonly StapMap<string, Stats> writes = new();
    static readonly StapMap<string, Stats> total_io = new();

    [Probe("vfs.read.return")]
    void Read(long bytes_read)
    {
        reads[ExecName()].Add(bytes_read);
        total_io[ExecName()].Add(bytes_read);
    }

    [Probe("vfs.write.return")]
    void Write(long bytes_written)
    {
        writes[ExecName()].Add(bytes_written);
        total_io[ExecName()].Add(bytes_written);
    }

    [Probe("timer.s(5)")]
    void Report()
    {
        Printf("%16s\t%10s\t%10s\n", "Process", "KB Read", "KB Written");
        foreach (var (name, _) in total_io.OrderByDescending(e => e.Value.Sum()).Take(10))
            Printf("%16s\t%10d\t%10d\n", name, reads[name].Sum() / 1024, writes[name].Sum() / 1024);
        reads.Clear();
        writes.Clear();
        total_io.Clear();
        Print("\n");
    }
}
