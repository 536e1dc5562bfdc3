// Source: systemtap
// Original: testsuite/systemtap.examples/network/tcp_connections.stp
// Area: network
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>Accepted TCP connections: who accepted, on which port, from which address.</summary>
public sealed class TcpConnections : ProbeScript
{
    [Probe("begin")]
    void Header() => Printf("%6s %16s %6s %6s %16s\n", "UID", "CMD", "PID", "PORT", "IP_SOURCE");

    [Probe("kernel.{function(\"tcp_accept\"),function(\"inet_csk_accept\")}.return?")]
    void Accepted()
    {
        var sock = Var.Return;
        if (sock != 0)
            Printf("%6d %16s %6d %6d %16s\n", Uid(), ExecName(), Pid(),
                Call<long>("inet_get_local_port", sock), Call<string>("inet_get_ip_source", sock));
    }
}
