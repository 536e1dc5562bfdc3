// Source: systemtap
// Original: testsuite/systemtap.examples/network/who_sent_it.stp
// Area: network
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>Which thread sends packets to a port or address (set them with stap -G the_dport=53).</summary>
public sealed class WhoSentIt : ProbeScript
{
    static long the_dport = 0;
    static string the_daddr = "";

    [Probe("netfilter.ip.local_out")]
    void Sent(long dport, string daddr)
    {
        if ((the_dport == 0 || the_dport == dport) && (the_daddr == "" || the_daddr == daddr))
            Printf("%s[%d] sent packet to %s:%d\n", ExecName(), Tid(), daddr, dport);
    }
}
