using StapSharp;
using static StapSharp.Stap;

/// <summary>Helpers that read the probe context, inlined as stap macros: @define name(a) %( ... %) used as @name(x).</summary>
public sealed class ContextHelpers : ProbeScript
{
    static long switches;

    /// <summary>Decided in each probe it is pasted into: __state on 5.14 and later, state before.</summary>
    static long PrevState() => Defined(Var.Long("prev->__state")) ? Var.Long("prev->__state") : Var.Long("prev->state");

    /// <summary>A parameter is pasted where the body reads it.</summary>
    static long Scaled(long factor) => PrevState() * factor;

    /// <summary>A void helper is a statement.</summary>
    static void Count(long step)
    {
        switches += step + Var.Long("next->pid") * 0;
    }

    static long Pid() => Var.Long("next->pid");

    /// <summary>A helper that reads no context stays a function.</summary>
    static long Twice(long n) => n * 2;

    [Probe("kernel.trace(\"sched_switch\")")]
    void Switch()
    {
        long factor = 3;
        Count(1);
        Scaled(factor);
        Println($"{PrevState()} {Scaled(factor)} {Twice(Pid())}");
    }

    [Probe("kernel.trace(\"sched_process_exit\")")]
    void Exit() => Println($"{(Defined(Var.Long("p->pid")) ? 1 : 0)} {switches}");
}
