// Source: systemtap
// Original: testsuite/systemtap.base/foreach_sort_stat_4.stp
// Area: language
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>A statistics array sorted with no aggregate named: by @count, descending.</summary>
public sealed class ForeachStatsDefaultSort : ProbeScript
{
    static readonly StapMap<long, Stats> a = new();

    [Probe("oneshot")]
    void Oneshot()
    {
        a[1].Add(32);

        a[2].Add(78);
        a[2].Add(0);
        a[2].Add(0);

        a[3].Add(96);
        a[3].Add(0);

        foreach (var (i, _) in a.OrderByDescending(e => e.Value))
        {
            Printf("%d: %d\n", i, a[i].Sum());
        }
    }
}
