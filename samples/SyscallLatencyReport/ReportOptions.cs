namespace SyscallLatencyReport;

/// <summary>What the user asked for on the command line.</summary>
/// <param name="Seconds">How long the probes stay live (the end probes run after).</param>
/// <param name="VmCommand">In the VM: the shell command that makes the system calls to measure.</param>
/// <param name="SvgPath">Where to write the latency plot; none when null.</param>
internal sealed record ReportOptions(int Seconds, string VmCommand, string? SvgPath)
{
    /// <summary>ls and cat in a loop: openat, read, getdents64, mmap, execve ... from short-lived processes.</summary>
    public const string DefaultVmCommand =
        "i=0; while [ $i -lt 200 ]; do ls / >/dev/null; cat /proc/version >/dev/null; i=$((i+1)); done";

    public const int DefaultSeconds = 5;
}
