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
/// debuginfo and cost one probe per call instead of one per syscall alias. The entry time and call
/// number are kept per thread (a thread is in at most one system call) and deleted on return, so the
/// maps hold only the calls in flight. The name comes from the entry's number: on return the number is
/// gone for rt_sigreturn, which restores the registers it lives in. exit and exit_group never return,
/// so they are not timed at all; nor is stapio, the process reading this output.
/// </remarks>
public sealed partial class SyscallLatency : ProbeScript
{
    /// <summary>Entry time (ns) of the call each thread is in; bounded by the threads inside a call at once.</summary>
    static readonly StapMap<long, long> startedAt = new(maxEntries: 65536);

    /// <summary>The number of the call each thread is in.</summary>
    static readonly StapMap<long, long> callNumber = new(maxEntries: 65536);

    [Probe("syscall_any")]
    void Enter(string name, long syscall_nr)
    {
        if (Pid() == StapioPid() || name == "exit" || name == "exit_group")
        {
            return;
        }

        startedAt[Tid()] = GetTimeOfDayNs();
        callNumber[Tid()] = syscall_nr;
    }

    [Probe("syscall_any.return")]
    void Return()
    {
        // Calls already in flight when the script started have no entry time.
        if (!startedAt.ContainsKey(Tid()))
        {
            return;
        }

        long latency = GetTimeOfDayNs() - startedAt[Tid()];
        string call = SyscallName(callNumber[Tid()]);
        startedAt.Remove(Tid());
        callNumber.Remove(Tid());
        Printf("%s\t%d\t%s\t%d\n", ExecName(), Pid(), call, latency);
    }
}
