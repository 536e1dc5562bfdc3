// Original: network/nettop.stp
// SystemTap: testsuite/systemtap.examples at commit 2e5a1050a2ceefd238a451712c3d05c008523dbd
// Area: network
// Faithful: no
// Differs: packet counts and byte totals are long maps (++ and +=) instead of statistics (<<<,
// Differs: @count, @sum), so transmit and receive each need a count map and a bytes map; the report
// Differs: is unsorted (foreach over ifmerged- has no C# form yet).
using StapSharp;
using static StapSharp.Stap;

/// <summary>Network traffic per process and device, every 5 seconds.</summary>
public sealed class NetTop : ProbeScript
{
    static readonly StapMap<(long, string, string, long), long> ifxmit = new();
    static readonly StapMap<(long, string, string, long), long> ifxmit_bytes = new();
    static readonly StapMap<(long, string, string, long), long> ifrecv = new();
    static readonly StapMap<(long, string, string, long), long> ifrecv_bytes = new();
    static readonly StapMap<(long, string, string, long), long> ifmerged = new();

    [Probe("netdev.transmit")]
    void Transmit(string dev_name, long length)
    {
        ifxmit[(Pid(), dev_name, ExecName(), Uid())]++;
        ifxmit_bytes[(Pid(), dev_name, ExecName(), Uid())] += length;
        ifmerged[(Pid(), dev_name, ExecName(), Uid())]++;
    }

    [Probe("netdev.receive")]
    void Receive(string dev_name, long length)
    {
        ifrecv[(Pid(), dev_name, ExecName(), Uid())]++;
        ifrecv_bytes[(Pid(), dev_name, ExecName(), Uid())] += length;
        ifmerged[(Pid(), dev_name, ExecName(), Uid())]++;
    }

    static void print_activity()
    {
        Printf("%5s %5s %-12s %7s %7s %7s %7s %-15s\n",
            "PID", "UID", "DEV", "XMIT_PK", "RECV_PK", "XMIT_KB", "RECV_KB", "COMMAND");
        foreach (var ((pid, dev, exec, uid), _) in ifmerged)
        {
            var n_xmit = ifxmit[(pid, dev, exec, uid)];
            var n_recv = ifrecv[(pid, dev, exec, uid)];
            Printf("%5d %5d %-12s %7d %7d %7d %7d %-15s\n",
                pid, uid, dev, n_xmit, n_recv,
                ifxmit_bytes[(pid, dev, exec, uid)] / 1024,
                ifrecv_bytes[(pid, dev, exec, uid)] / 1024,
                exec);
        }

        Print("\n");
        ifxmit.Clear();
        ifxmit_bytes.Clear();
        ifrecv.Clear();
        ifrecv_bytes.Clear();
        ifmerged.Clear();
    }

    [Probe("timer.ms(5000)")]
    [Probe("end")]
    [Probe("error")]
    void Report() => print_activity();
}
