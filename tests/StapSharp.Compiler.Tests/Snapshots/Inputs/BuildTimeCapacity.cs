using StapSharp;
using static StapSharp.Stap;

/// <summary>An array whose capacity is chosen by build-time facts: %( cond %? global a[N] %: global a[M] %).</summary>
public sealed class BuildTimeCapacity : ProbeScript
{
    static readonly StapMap<long, long> calls = new(maxEntries: Kernel.Config("CONFIG_64BIT") == "y" ? 20000 : 5000);
    private static readonly StapMap<string, long> recent = new(maxEntries: Kernel.VersionAtLeast("5.0") && !Kernel.GuruMode ? 100 : 10, wrap: true);

    [Probe("timer.s(1)")]
    void Tick()
    {
        calls[Pid()]++;
        recent[ExecName()] = GetTimeOfDayS();
        foreach (var (name, at) in recent)
        {
            Println($"{name} {at} {calls[Pid()]}");
        }
    }
}
