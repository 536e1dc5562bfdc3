// Source: systemtap
// Original: testsuite/systemtap.examples/process/sigkill.stp
// Area: scheduling
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>Who sends SIGKILL to whom.</summary>
public sealed class SigKill : ProbeScript
{
    [Probe("signal.send")]
    void Sent(string sig_name, string pid_name, long sig_pid)
    {
        if (sig_name == "SIGKILL")
            Printf("%s was sent to %s (pid:%d) by %s uid:%d\n", sig_name, pid_name, sig_pid, ExecName(), Uid());
    }
}
