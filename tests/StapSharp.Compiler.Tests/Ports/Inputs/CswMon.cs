// Source: soarpenguin
// Original: cswmon.stp
// Area: scheduling
// Faithful: no
// Differs: the original holds the rule's UTF-8 dashes as they are; StapSharp writes every non-ASCII byte as an
// Differs: octal escape (\342\200\224): the same string to stap, but another literal in its parse tree.
// Arguments: 5
using StapSharp;
using static StapSharp.Stap;

/// <summary>The 20 most frequent context switches (from task, to task) and the idle count, every INTERVAL seconds.</summary>
public sealed class CswMon : ProbeScript
{
    static readonly StapMap<(long, long), long> csw_count = new();
    static long idle_count;

    [ScriptArgument(1)] static long Interval;

    [Probe("scheduler.cpu_off")]
    void CpuOff(long task_prev, long task_next, long idle)
    {
        csw_count[(task_prev, task_next)]++;
        idle_count += idle;
    }

    static string fmt_task(long task_prev, long task_next) =>
        Sprintf("%s(%d)->%s(%d)", TaskExecName(task_prev), TaskPid(task_prev), TaskExecName(task_next), TaskPid(task_next));

    static void print_cswtop()
    {
        Printf("%45s %10s\n", "Context switch", "COUNT");
        foreach (var ((task_prev, task_next), _) in csw_count.OrderByDescending(e => e.Value).Take(20))
        {
            Printf("%45s %10d\n", fmt_task(task_prev, task_next), csw_count[(task_prev, task_next)]);
        }

        Printf("%45s %10d\n", "idle", idle_count);
        csw_count.Clear();
        idle_count = default;
    }

    [Probe("timer.s({Interval})")]
    void Report()
    {
        print_cswtop();
        Printf("————————————————————–\n");
    }
}
