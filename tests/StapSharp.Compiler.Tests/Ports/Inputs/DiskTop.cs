// Source: systemtap
// Original: testsuite/systemtap.examples/io/disktop.stp
// Area: io
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>The ten processes doing the most disk I/O, every 5 seconds.</summary>
public sealed class DiskTop : ProbeScript
{
    static readonly StapMap<(long, string, long, long, string), long> io_stat = new();
    static readonly StapMap<(long, string, long, long, string), string> device = new();
    static long read_bytes;
    static long write_bytes;

    [Probe("vfs.read.return")]
    void Read(string devname)
    {
        if (Call<long>("returnval") > 0)
        {
            if (devname != "N/A")
            {
                io_stat[(Pid(), ExecName(), Uid(), PPid(), "R")] += Call<long>("returnval");
                device[(Pid(), ExecName(), Uid(), PPid(), "R")] = devname;
                read_bytes += Call<long>("returnval");
            }
        }
    }

    [Probe("vfs.write.return")]
    void Write(string devname)
    {
        if (Call<long>("returnval") > 0)
        {
            if (devname != "N/A")
            {
                io_stat[(Pid(), ExecName(), Uid(), PPid(), "W")] += Call<long>("returnval");
                device[(Pid(), ExecName(), Uid(), PPid(), "W")] = devname;
                write_bytes += Call<long>("returnval");
            }
        }
    }

    [Probe("timer.ms(5000)")]
    void Report()
    {
        if (read_bytes + write_bytes != 0)
        {
            Printf("\n%-25s, %-8s%4dKb/sec, %-7s%6dKb, %-7s%6dKb\n\n",
                CTime(GetTimeOfDayS()),
                "Average:", ((read_bytes + write_bytes) / 1024) / 5,
                "Read:", read_bytes / 1024,
                "Write:", write_bytes / 1024);
            Printf("%8s %8s %8s %25s %8s %4s %12s\n", "UID", "PID", "PPID", "CMD", "DEVICE", "T", "BYTES");
        }

        foreach (var ((process, cmd, userid, parent, action), _) in io_stat.OrderByDescending(e => e.Value).Take(10))
            Printf("%8d %8d %8d %25s %8s %4s %12d\n", userid, process, parent, cmd,
                device[(process, cmd, userid, parent, action)], action, io_stat[(process, cmd, userid, parent, action)]);
        io_stat.Clear();
        device.Clear();
        read_bytes = 0;
        write_bytes = 0;
    }

    [Probe("end")]
    void End()
    {
        io_stat.Clear();
        device.Clear();
        read_bytes = default;
        write_bytes = default;
    }
}
