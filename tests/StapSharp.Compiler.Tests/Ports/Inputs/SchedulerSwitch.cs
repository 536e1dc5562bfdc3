// Source: systemtap
// Original: testsuite/buildok/scheduler-ctxswitch.stp
// Area: scheduling
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>Every context switch, with the task switched out and the task switched in.</summary>
public sealed class SchedulerSwitch : ProbeScript
{
    [Probe("scheduler.ctxswitch")]
    void Switch(string name, long prev_pid, long prev_priority, long prevtsk_state, string prev_task_name, long prev_tid,
        long next_pid, long next_priority, long nexttsk_state, string next_task_name, long next_tid)
    {
        Printf("%s\n", name);
        Printf("prev: pid %d, priority %d, state %d, task_name %s, tid %d\n",
            prev_pid, prev_priority, prevtsk_state,
            prev_task_name, prev_tid);
        Printf("next: pid %d, priority %d, state %d, task_name %s, tid %d\n",
            next_pid, next_priority, nexttsk_state,
            next_task_name, next_tid);
    }
}
