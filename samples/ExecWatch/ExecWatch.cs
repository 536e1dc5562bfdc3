using StapSharp;
using static StapSharp.Stap;

namespace Samples;

/// <summary>
/// Every program start (execve) in the kernel, with its file, pid, parent and scheduler state, read
/// from the tracepoint's target variables. The first script argument limits it to one program name.
/// </summary>
public sealed class ExecWatch : ProbeScript
{
    /// <summary>Only programs of this name (stap's @1); all programs when left out.</summary>
    [ScriptArgument(1)] static string Program = "";

    private static long starts;

    /// <summary>The alias reads the tracepoint once; probes that use it get file, parent and state.</summary>
    [ProbeAlias("program.start", "kernel.trace(\"sched_process_exec\")")]
    void Start()
    {
        if (Program != "" && ExecName() != Program)
        {
            return;
        }

        string file = Var.KernelString("bprm->filename");
        long parent = Cast(Var.Long("p"), "task_struct", "kernel<linux/sched.h>").Long("real_parent->tgid");
        // task_struct.state was renamed __state in 5.14: only the branch for this kernel is compiled.
        long state = Kernel.VersionAtLeast("5.14") ? Var.Long("p->__state") : Var.Long("p->state");
    }

    [Probe("program.start")]
    void Report(string file, long parent, long state)
    {
        starts++;
        Println($"exec {file} pid {Pid()} parent {parent} state {state}");
    }

    [Probe("end")]
    void End()
    {
        try
        {
            Println($"{starts} program start(s), {100 / starts} % each");
        }
        catch (StapException e)
        {
            Println($"no program started ({e.Message})");
        }
    }
}
