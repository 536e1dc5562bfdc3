// Source: systemtap
// Original: testsuite/systemtap.examples/process/sleeptime.stp
// Area: latency
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>Time each process spends in nanosleep calls, printed as they return.</summary>
public sealed class SleepTime : ProbeScript
{
    static long start;
    static readonly StapMap<long, long> entry_nanosleep = new();

    static long timestamp() => GetTimeOfDayUs() - start;

    static string proc() => Sprintf("%d (%s)", Pid(), ExecName());

    [Probe("begin")]
    void Begin() => start = GetTimeOfDayUs();

    [Probe("syscall.nanosleep")]
    [Probe("syscall.clock_nanosleep ?")]
    [Probe("syscall.compat_nanosleep ?")]
    void Enter()
    {
        var t = GetTimeOfDayUs();
        var p = Pid();
        entry_nanosleep[p] = t;
    }

    [Probe("syscall.nanosleep.return")]
    [Probe("syscall.clock_nanosleep.return ?")]
    [Probe("syscall.compat_nanosleep.return ?")]
    void Return(string name)
    {
        if (entry_nanosleep.ContainsKey(Pid()))
        {
            var elapsed_time = GetTimeOfDayUs() - entry_nanosleep[Pid()];
            Printf("%d %s %s: %d\n", timestamp(), proc(), name, elapsed_time);
        }
    }
}
