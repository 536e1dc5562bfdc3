// Source: lwtools
// Original: bin/syscallbypid-nd.stp
// Area: counting
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>System call completions per process and call, counted until the end (non-debuginfo probes).</summary>
public sealed class SyscallByPid : ProbeScript
{
    static readonly StapMap<(long, string, string), Stats> num = new();

    [Probe("begin")]
    void Begin() => Printf("Tracing syscall completions... Hit Ctrl-C to end.\n");

    [Probe("nd_syscall.*.return")]
    void Return() => num[(Pid(), ExecName(), ProbeFunction())].Add(1);

    [Probe("end")]
    void End()
    {
        Printf("\n%-8s %-16s %-24s %8s\n", "PID", "CMD", "SYSCALL", "COUNT");
        foreach (var ((p, e, f), calls) in num.OrderBy(x => x.Value))
        {
            Printf("%-8d %-16s %-24s %8d\n", p, e, f, calls.Count());
        }
    }
}
