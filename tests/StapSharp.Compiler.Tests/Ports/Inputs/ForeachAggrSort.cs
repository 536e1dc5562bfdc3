// Source: systemtap
// Original: testsuite/systemtap.base/foreach_aggrsort.stp
// Area: language
// Faithful: yes
using System.Runtime.CompilerServices;
using StapSharp;
using static StapSharp.Stap;

/// <summary>A statistics array walked in every sort order, by default and by each aggregate, up and down.</summary>
public sealed class ForeachAggrSort : ProbeScript
{
    static readonly StapMap<long, Stats> stats = new();

    // stap's @define sortloop(x): pasted into each loop, as the original's macro is.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void sortloop(long x) =>
        Printf("stats[%d]: @count=%d @sum=%d @min=%d @max=%d @avg=%d\n",
            x, stats[x].Count(), stats[x].Sum(), stats[x].Min(),
            stats[x].Max(), stats[x].Avg());

    [Probe("begin")]
    void Begin()
    {
        stats[1].Add(-1);
        stats[2].Add(1); stats[2].Add(6);
        stats[3].Add(3); stats[3].Add(4); stats[3].Add(5);
        stats[4].Add(0); stats[4].Add(0); stats[4].Add(0); stats[4].Add(1);

        Println("sort default+"); foreach (var (x, _) in stats.OrderBy(e => e.Value)) sortloop(x);
        Println("sort default-"); foreach (var (x, _) in stats.OrderByDescending(e => e.Value)) sortloop(x);
        Println("sort @count+"); foreach (var (x, _) in stats.OrderBy(e => e.Value.Count())) sortloop(x);
        Println("sort @count-"); foreach (var (x, _) in stats.OrderByDescending(e => e.Value.Count())) sortloop(x);
        Println("sort @sum+"); foreach (var (x, _) in stats.OrderBy(e => e.Value.Sum())) sortloop(x);
        Println("sort @sum-"); foreach (var (x, _) in stats.OrderByDescending(e => e.Value.Sum())) sortloop(x);
        Println("sort @avg+"); foreach (var (x, _) in stats.OrderBy(e => e.Value.Avg())) sortloop(x);
        Println("sort @avg-"); foreach (var (x, _) in stats.OrderByDescending(e => e.Value.Avg())) sortloop(x);
        Println("sort @min+"); foreach (var (x, _) in stats.OrderBy(e => e.Value.Min())) sortloop(x);
        Println("sort @min-"); foreach (var (x, _) in stats.OrderByDescending(e => e.Value.Min())) sortloop(x);
        Println("sort @max+"); foreach (var (x, _) in stats.OrderBy(e => e.Value.Max())) sortloop(x);
        Println("sort @max-"); foreach (var (x, _) in stats.OrderByDescending(e => e.Value.Max())) sortloop(x);

        Exit();
    }
}
