// Source: systemtap
// Original: doc/SystemTap_Beginners_Guide/en-US/extras/cast_example.stp
// Area: tapset
// Faithful: no
// Differs: the function is task_state_: the original replaces the tapset's task_state for every caller,
// Differs: which StapSharp does not let a script do (a tapset function's name gets a trailing _).
using StapSharp;
using static StapSharp.Stap;

/// <summary>A task's state, read through a typed pointer from the kernel's headers.</summary>
public sealed class CastTaskState : ProbeScript
{
    static long task_state(long task)
    {
        return Cast(task, "task_struct", "kernel<linux/sched.h>").Long("state");
    }
}
