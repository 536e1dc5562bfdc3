// Source: systemtap
// Original: testsuite/systemtap.examples/lwtools/killsnoop-nd.stp
// Area: scheduling
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>Signals sent with kill(2): sender, signal, target and result (non-debuginfo probes).</summary>
public sealed class KillSnoop : ProbeScript
{
    static readonly StapMap<long, long> target = new();
    static readonly StapMap<long, long> signal = new();

    [Probe("begin")]
    void Header() => Printf("%-6s %-12s %-5s %-6s %6s\n", "FROM", "COMMAND", "SIG", "TO", "RESULT");

    [Probe("nd_syscall.kill")]
    void Kill()
    {
        target[Tid()] = Call<long>("uint_arg", 1);
        signal[Tid()] = Call<long>("uint_arg", 2);
    }

    [Probe("nd_syscall.kill.return")]
    void Return()
    {
        if (target[Tid()] != 0)
        {
            Printf("%-6d %-12s %-5d %-6d %6d\n", Pid(), ExecName(), signal[Tid()], target[Tid()], Call<long>("int_arg", 1));
            target.Remove(Tid());
            signal.Remove(Tid());
        }
    }
}
