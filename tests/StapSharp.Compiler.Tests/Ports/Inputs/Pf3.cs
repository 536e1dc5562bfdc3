// Source: systemtap
// Original: testsuite/systemtap.examples/profiling/pf3.stp
// Area: profiling
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>A profile of the kernel and user functions the timer interrupts, with a smaller table on 32-bit kernels.</summary>
public sealed class Pf3 : ProbeScript
{
    // On a 32-bit platform, the profile array must be smaller, otherwise
    // its allocation will fail on module startup.
    static readonly StapMap<string, Stats> profile = new(maxEntries: Kernel.Config("CONFIG_64BIT") == "y" ? 20000 : 5000, wrap: true);
    static readonly Stats pcount = new();

    [Probe("timer.profile")]
    void Sample()
    {
        pcount.Add(1);
        // NB: we resolve to a function name here (rather than recording only
        // the PC), because during a later pc->name lookup, the process context
        // may be different.
        string fn;
        if (!UserMode())
        {
            try
            {
                // modname() can throw
                fn = "k:" + ModName(Addr()) + ":" + SymName(Addr());
            }
            catch
            {
                fn = "k:<unknown>:" + SymName(Addr());
            }
        }
        else
        {
            try
            {
                // umodname() can throw
                fn = "u:" + Umodname(UAddr()) + ":" + USymName(UAddr());
            }
            catch
            {
                fn = "u:<unknown>:" + USymName(UAddr());
            }
        }

        profile[fn].Add(1);
    }

    [Probe("timer.ms(5000)")]
    void Report()
    {
        Printf("\n--- %d samples recorded:\n", pcount.Count());
        foreach (var (f, _) in profile.OrderByDescending(e => e.Value).Take(20))
        {
            Printf("%-30s\t%6d\n", f, profile[f].Count());
        }

        profile.Clear();
        pcount.Clear();
    }
}
