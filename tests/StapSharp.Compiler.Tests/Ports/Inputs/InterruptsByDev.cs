// Source: systemtap
// Original: testsuite/systemtap.examples/interrupt/interrupts-by-dev.stp
// Area: counting
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>Interrupts received by each device, every 100 ms.</summary>
public sealed class InterruptsByDev : ProbeScript
{
    static readonly StapMap<long, long> devices = new();

    [Probe("begin")]
    void Header() => Printf("\t  DEVICE \t NUMBER OF INTERRUPTS \n");

    [Probe("irq_handler.entry")]
    void Interrupt(long dev_name) => devices[dev_name]++;

    [Probe("timer.ms(100)")]
    void Report()
    {
        foreach (var (devname, _) in devices)
            Printf(" %20s :  %5d\n", KernelString(devname), devices[devname]);
        devices.Clear();
    }
}
