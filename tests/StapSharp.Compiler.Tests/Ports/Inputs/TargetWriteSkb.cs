// Source: systemtap
// Original: testsuite/buildok/twentynine.stp
// Area: language
// Faithful: yes
// Guru: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>Prints a probed function's argument, then overwrites it (guru mode).</summary>
[Guru]
public sealed class TargetWriteSkb : ProbeScript
{
    [Probe("kernel.function(\"icmp_rcv\")")]
    void IcmpReceive([Target] ref long skb)
    {
        Printf("skb = %x\n", skb);
        skb = 0;
    }
}
