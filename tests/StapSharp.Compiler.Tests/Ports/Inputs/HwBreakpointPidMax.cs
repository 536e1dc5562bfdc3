// Source: systemtap
// Original: testsuite/buildok/hwbkpt.stp
// Area: language
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>Hardware breakpoints on writes to and accesses of pid_max, where the kernel has perf events and hardware breakpoints; stap's never probe elsewhere.</summary>
public sealed class HwBreakpointPidMax : ProbeScript
{
    static bool HasHwBreakpoints => Kernel.Config("CONFIG_PERF_EVENTS") == "y" && Kernel.Config("CONFIG_HAVE_HW_BREAKPOINT") == "y";

    [BuildIf(nameof(HasHwBreakpoints))]
    [Probe("kernel.data(\"pid_max\").write")]
    void Write() { }

    [BuildIf(nameof(HasHwBreakpoints), Otherwise = true)]
    [Probe("never")]
    void NoWrite() { }

    [BuildIf(nameof(HasHwBreakpoints))]
    [Probe("kernel.data(\"pid_max\").rw")]
    void ReadWrite() { }

    [BuildIf(nameof(HasHwBreakpoints), Otherwise = true)]
    [Probe("never")]
    void NoReadWrite() { }
}
