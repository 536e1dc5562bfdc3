// Source: systemtap
// Original: tapset/linux/linuxmib.stp
// Area: network
// Faithful: no
// Differs: the port is two of the tapset's aliases, linuxmib.ListenOverflows and linuxmib.ListenDrops, with their
//   globals; it leaves out linuxmib.DelayedACKs (its `&@container_of(...)` has no C# form) and
//   linuxmib.TCPMemoryPressures. Like the tapset, it calls linuxmib_filter_key, which the script using it defines.
//   Its globals are ListenOverflows_ and ListenDrops_ (a global named like a tapset one is respelled, and these
//   are the installed tapset's own), and `probe never` reads them (stap prints a global it never reads at exit)
using StapSharp;
using static StapSharp.Stap;

/// <summary>SNMP's LINUX_MIB_LISTENOVERFLOWS and LINUX_MIB_LISTENDROPS as probe aliases on tcp_v4_syn_recv_sock's return, reading the socket it was called with.</summary>
public sealed class LinuxMibListen : ProbeScript
{
    static readonly StapMap<long, long> ListenOverflows = new();
    static readonly StapMap<long, long> ListenDrops = new();

    /// <summary>Count of times a listen queue overflowed.</summary>
    [ProbeAlias("linuxmib.ListenOverflows", "kernel.function(\"tcp_v4_syn_recv_sock\").return")]
    void ListenOverflow()
    {
        long sk = Entry(Var.Long("sk"));
        if (Var.Return != 0) return;
        if (Entry(Var.Long("sk->sk_ack_backlog")) <= Entry(Var.Long("sk->sk_max_ack_backlog"))) return;
        long op = 1;
        long key = Call<long>("linuxmib_filter_key", sk, op);
        if (key != 0) ListenOverflows[key] += op;
    }

    /// <summary>Count of times conn request that were dropped.</summary>
    [ProbeAlias("linuxmib.ListenDrops", "kernel.function(\"tcp_v4_syn_recv_sock\").return")]
    void ListenDrop()
    {
        long sk = Entry(Var.Long("sk"));
        if (Var.Return != 0) return;
        long op = 1;
        long key = Call<long>("linuxmib_filter_key", sk, op);
        if (key != 0) ListenDrops[key] += op;
    }
}
