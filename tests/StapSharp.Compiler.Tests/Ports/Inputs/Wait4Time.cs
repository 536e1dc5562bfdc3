// Source: systemtap
// Original: testsuite/systemtap.examples/process/wait4time.stp
// Area: latency
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>Time spent in wait4 calls, and the pid waited for.</summary>
public sealed class Wait4Time : ProbeScript
{
    static long start;
    static readonly StapMap<long, long> wait4_pid = new();

    static long timestamp() => GetTimeOfDayUs() - start;

    static string proc() => Sprintf("%d (%s)", Pid(), ExecName());

    [Probe("begin")]
    void Begin() => start = GetTimeOfDayUs();

    [Probe("syscall.wait4")]
    void Enter(long pid) => wait4_pid[Tid()] = pid;

    [Probe("syscall.wait4.return")]
    void Return()
    {
        var elapsed_time = GetTimeOfDayUs() - Entry(GetTimeOfDayUs());
        Printf("%d %s wait4: %d %d\n", timestamp(), proc(), elapsed_time, wait4_pid[Tid()]);
        wait4_pid.Remove(Tid());
    }
}
