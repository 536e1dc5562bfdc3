namespace StapSharp.Runtime.Targets;

/// <summary>How a run ended.</summary>
/// <param name="ExitCode">staprun's exit code (in the guest for the VM); null when none was reported.</param>
/// <param name="TimedOut">True when <see cref="RunOptions.TimeLimit"/> stopped the script.</param>
/// <param name="Cancelled">True when the caller's cancellation stopped the script.</param>
/// <param name="BootTime">VM: QEMU start until the module was live (or staprun ended); zero locally.</param>
/// <param name="RunTime">From the module being live (or staprun's start) until the end.</param>
public sealed record RunResult(int? ExitCode, bool TimedOut, bool Cancelled, TimeSpan BootTime, TimeSpan RunTime)
{
    /// <summary>Why there is no exit code (the VM did not boot, a hard kill, ...); null when there is one.</summary>
    public string? Failure { get; init; }

    /// <summary>VM with <see cref="RunOptions.Verbose"/>: the guest's console and kernel log.</summary>
    public string? KernelLog { get; init; }

    /// <summary>Bulk runs: the per-CPU files on the host (<c>cpu_0</c>, <c>cpu_1</c>, ...), sorted by name.</summary>
    public IReadOnlyList<string> BulkFiles { get; init; } = [];

    /// <summary>True when staprun reported exit code 0.</summary>
    public bool Succeeded => ExitCode == 0;
}
