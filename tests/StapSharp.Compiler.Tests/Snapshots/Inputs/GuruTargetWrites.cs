using StapSharp;
using static StapSharp.Stap;

/// <summary>Writing target variables, which stap allows only in guru mode: Var.Set for a member path.</summary>
[Guru]
public sealed class GuruTargetWrites : ProbeScript
{
    [Probe("kernel.trace(\"sched_switch\")")]
    void Switch()
    {
        long prio = Var.Long("prev->prio");
        Var.Set("prev->prio", prio);
        Var.Set(value: prio, path: "next->prio");
    }
}
