// Source: systemtap
// Original: testsuite/systemtap.examples/network/nettop.stp
// Area: network
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>Network traffic per process and device, busiest first, every 5 seconds.</summary>
public sealed class NetTop : ProbeScript
{
    static readonly StapMap<(long, string, string, long), Stats> ifxmit = new();
    static readonly StapMap<(long, string, string, long), Stats> ifrecv = new();
    static readonly StapMap<(long, string, string, long), Stats> ifmerged = new();

    [Probe("netdev.transmit")]
    void Transmit(string dev_name, long length)
    {
        ifxmit[(Pid(), dev_name, ExecName(), Uid())].Add(length);
        ifmerged[(Pid(), dev_name, ExecName(), Uid())].Add(1);
    }

    [Probe("netdev.receive")]
    void Receive(string dev_name, long length)
    {
        ifrecv[(Pid(), dev_name, ExecName(), Uid())].Add(length);
        ifmerged[(Pid(), dev_name, ExecName(), Uid())].Add(1);
    }

    static void print_activity()
    {
        Printf("%5s %5s %-12s %7s %7s %7s %7s %-15s\n",
            "PID", "UID", "DEV", "XMIT_PK", "RECV_PK", "XMIT_KB", "RECV_KB", "COMMAND");
        foreach (var ((pid, dev, exec, uid), _) in ifmerged.OrderByDescending(e => e.Value))
        {
            var n_xmit = ifxmit[(pid, dev, exec, uid)].Count();
            var n_recv = ifrecv[(pid, dev, exec, uid)].Count();
            Printf("%5d %5d %-12s %7d %7d %7d %7d %-15s\n",
                pid, uid, dev, n_xmit, n_recv,
                ifxmit[(pid, dev, exec, uid)].Sum() / 1024,
                ifrecv[(pid, dev, exec, uid)].Sum() / 1024,
                exec);
        }

        Print("\n");
        ifxmit.Clear();
        ifrecv.Clear();
        ifmerged.Clear();
    }

    [Probe("timer.ms(5000)")]
    [Probe("end")]
    [Probe("error")]
    void Report() => print_activity();
}
