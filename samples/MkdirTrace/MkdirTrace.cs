using StapSharp;
using static StapSharp.Stap;

namespace Samples;

/// <summary>
/// The SystemTap quick start's entry/exit pair, on mkdir(2): one line when a process enters the
/// system call, one when it returns, with the process id, name, and the call's arguments and result.
/// </summary>
/// <remarks>
/// The quick start probes kernel.function("sys_mkdir"). Kernels since 4.17 name the entry point
/// __x64_sys_mkdir, and kernel.function needs the kernel's debuginfo (~860 MB) besides. The
/// syscall.mkdir tapset alias resolves on every kernel: it uses debuginfo where present and falls
/// back to kprobes (nd_syscall) where not, and gives the arguments as alias variables.
/// </remarks>
public sealed class MkdirTrace : ProbeScript
{
    [Probe("syscall.mkdir")]
    void Enter(string argstr) => Println($"enter mkdir({argstr}) by {ExecName()}[{Pid()}]");

    [Probe("syscall.mkdir.return")]
    void Return(string retstr) => Println($"exit mkdir = {retstr} by {ExecName()}[{Pid()}]");
}
