// Source: sjtuhjh
// Original: base/signal.stp
// Area: scheduling
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>Every signal sent (name, sender, target) and whether each checked signal is ignored.</summary>
public sealed class Signal : ProbeScript
{
    [Probe("signal.send")]
    void Send(string sig_name, long sig, long shared, long sig_pid, string pid_name) =>
        Printf("Signal sent :%s(%d, shared=%d) from %s(pid=%d) to %s by %d\n", sig_name, sig, shared, ExecName(), sig_pid, pid_name, Uid());

    [Probe("signal.check_ignored.return")]
    void CheckIgnored()
    {
        if (Var.Return != 0)
        {
            Printf("Ignored \n");
        }
        else
        {
            Printf("Accept \n");
        }
    }
}
