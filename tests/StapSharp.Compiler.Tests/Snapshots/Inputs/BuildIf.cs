using StapSharp;
using static StapSharp.Stap;

/// <summary>Probes and globals declared under build-time conditions: [BuildIf] is %( condition %? declaration %).</summary>
public sealed class BuildIf : ProbeScript
{
    static bool HasNuma => Kernel.Config("CONFIG_NUMA") == "y";

    static bool RecentX86
    {
        get => Kernel.VersionAtLeast("5.14") && !(Kernel.Arch != "x86_64");
    }

    [BuildIf(nameof(HasNuma))]
    static readonly StapMap<long, long> migrations = new(maxEntries: Kernel.Config("CONFIG_64BIT") == "y" ? 2048 : 512);

    [BuildIf(nameof(HasNuma))]
    static long moved;

    static long ticks;

    [BuildIf(nameof(HasNuma))]
    [Probe("kernel.trace(\"sched_move_numa\") ?")]
    void Move()
    {
        migrations[Var.Long("dst_cpu")]++;
        moved++;
    }

    /// <summary>The alternative: built when the condition does not hold, stap's %: branch.</summary>
    [BuildIf(nameof(HasNuma), Otherwise = true)]
    [Probe("begin")]
    void NoNuma() => Println("no NUMA");

    [BuildIf(nameof(RecentX86))]
    [Probe("timer.s(1)")]
    void Tick() => ticks++;

    [BuildIf(nameof(HasNuma))]
    [Probe("end")]
    void Report()
    {
        foreach (var (cpu, count) in migrations)
        {
            Println($"{cpu} {count} {moved}");
        }
    }

    [Probe("end")]
    void Done() => Println($"{ticks}");
}
