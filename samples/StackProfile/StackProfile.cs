using StapSharp;
using static StapSharp.Stap;

namespace Samples;

/// <summary>One profiler tick on a CPU: the process that was running and where it was.</summary>
/// <param name="Pid">The process the tick interrupted (0 when the CPU was idle).</param>
/// <param name="ExecName">Its name.</param>
/// <param name="UserStack">Its user-space stack, innermost frame first; empty in a kernel thread.</param>
/// <param name="KernelStack">The kernel stack, innermost frame first; empty when the tick interrupted user space.</param>
public sealed record StackSample(long Pid, string ExecName, string UserStack, string KernelStack);

/// <summary>
/// A sampling profiler: at every profiler tick of every CPU, the stacks of what was running, as a
/// <see cref="StackSample"/>. `stapsharp run --folded FILE` folds the samples into the stacks of a flame graph
/// (the fields whose names end in Stack, the user stack below the kernel stack); `--flame FILE.svg` draws it.
/// </summary>
public sealed class StackProfile : ProbeScript
{
    [Probe("timer.profile")]
    void Tick()
    {
        // A tick in user space has no kernel stack of its own: the interrupt's frames would say nothing.
        Emit(new StackSample(Pid(), ExecName(), SprintUBacktrace(), UserMode() ? "" : SprintBacktrace()));
    }
}
