// Source: systemtap
// Original: testsuite/systemtap.examples/process/thread-business.stp
// Area: scheduling
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>The busiest threads by system calls, with their recent calls, every 5 seconds.</summary>
public sealed class ThreadBusiness : ProbeScript
{
    static readonly StapMap<(string, long), Stats> activity = new();
    static readonly StapMap<(string, long), string> activity2 = new();
    static long syscall_history_length = 50;
    static long top_threads = 20;

    [Probe("syscall_any")]
    void Syscall(string name)
    {
        activity[(ExecName(), Tid())].Add(1);
        var history = name + " " + activity2[(ExecName(), Tid())];
        activity2[(ExecName(), Tid())] = Substr(history, 0, syscall_history_length);
    }

    [Probe("timer.s(5)")]
    void Report()
    {
        Printf("%16s %6s %5s %-*s\n\n", "execname", "tid", "count", syscall_history_length, "recent syscalls");
        foreach (var ((e, t), _) in activity.OrderByDescending(x => x.Value).Take(top_threads))
        {
            Printf("%16s %6d %5d %s", e, t, activity[(e, t)].Count(), activity2[(e, t)]);
            Printf("\n");
        }

        Printf("\n");
        activity.Clear();
        activity2.Clear();
    }
}
