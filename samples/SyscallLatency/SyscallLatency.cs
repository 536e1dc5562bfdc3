using StapSharp;
using static StapSharp.Stap;

namespace Samples;

/// <summary>
/// How long each system call takes, per process and per call: one line per completed call,
/// <c>execname TAB pid TAB syscall TAB latency_ns</c>, for a host program to aggregate
/// (see samples/SyscallLatencyReport).
/// </summary>
/// <remarks>
/// syscall_any and syscall_any.return sit on the raw_syscalls tracepoints, so they need no kernel
/// debuginfo and cost one probe per call instead of one per syscall alias. The entry time is kept per
/// thread (a thread is in at most one system call) and deleted on return, so the map holds only the
/// calls in flight. exit and exit_group never return, so they are not timed at all.
/// </remarks>
public sealed class SyscallLatency : ProbeScript
{
    /// <summary>Entry time (ns) of the call each thread is in; bounded by the threads inside a call at once.</summary>
    static readonly StapMap<long, long> startedAt = new(maxEntries: 65536);

    [Probe("syscall_any")]
    void Enter(string name)
    {
        if (Pid() == StapioPid() || name == "exit" || name == "exit_group")
            return;
        startedAt[Tid()] = GetTimeOfDayNs();
    }

    [Probe("syscall_any.return")]
    void Return(string name)
    {
        // Calls already in flight when the script started have no entry time.
        if (!startedAt.ContainsKey(Tid()))
            return;
        long latency = GetTimeOfDayNs() - startedAt[Tid()];
        startedAt.Remove(Tid());
        Printf("%s\t%d\t%s\t%d\n", ExecName(), Pid(), name, latency);
    }
}
