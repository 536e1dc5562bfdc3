// Source: systemtap
// Original: testsuite/systemtap.examples/lwtools/execsnoop-nd.stp
// Area: scheduling
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>Every exec with its arguments (non-debuginfo probes).</summary>
public sealed class ExecSnoop : ProbeScript
{
    [Probe("begin")]
    void Header() => Printf("%-24s %6s %6s %6s %14s %s\n", "TIME", "UID", "PPID", "PID", "COMM", "ARGS");

    [Probe("nd_syscall.execve.return")]
    void Exec() =>
        Printf("%-24s %6d %6d %6d %14s %s\n", CTime(GetTimeOfDayS()), Uid(), PPid(), Pid(), ExecName(), Call<string>("cmdline_str"));
}
