// Source: arstercz
// Original: src/net/dropwatch.stp
// Area: network
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>Where the kernel drops packets, counted per location every 5 seconds.</summary>
public sealed class DropWatch : ProbeScript
{
    // Array to hold the list of drop points we find
    static readonly StapMap<long, Stats> locations = new();

    // Note when we turn the monitor on and off
    [Probe("begin")]
    void Begin() => Printf("Monitoring for dropped packets\n");

    [Probe("end")]
    void End() => Printf("Stopping dropped packet monitor\n");

    // increment a drop counter for every location we drop at
    [Probe("kernel.trace(\"kfree_skb\")")]
    void Dropped() => locations[Var.Long("location")].Add(1);

    // Every 5 seconds report our drop locations
    [Probe("timer.sec(5)")]
    void Report()
    {
        Printf("\n");
        foreach (var (l, drops) in locations.OrderByDescending(e => e.Value))
        {
            Printf("%d packets dropped at %s\n", drops.Count(), SymName(l));
        }
        locations.Clear();
    }
}
