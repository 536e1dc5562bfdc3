// Source: systemtap
// Original: testsuite/systemtap.examples/process/sig_by_proc.stp
// Area: counting
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>Signals by sender, receiver and signal, most first, printed at the end.</summary>
public sealed class SigByProc : ProbeScript
{
    static readonly StapMap<(string, string, long), Stats> sigcnt = new();
    static readonly StapMap<long, string> sig2name = new();

    [Probe("begin")]
    void Begin() => Print("Collecting data... Type Ctrl-C to exit and display results\n");

    [Probe("signal.send")]
    void Sent(string pid_name, long sig, string sig_name)
    {
        sigcnt[(ExecName(), pid_name, sig)].Add(1);
        if (!sig2name.ContainsKey(sig))
            sig2name[sig] = sig_name;
    }

    [Probe("end")]
    void End()
    {
        Printf("%-16s %-16s %-16s %s\n", "SENDER", "RECEIVER", "SIGNAL", "COUNT");
        foreach (var ((snd_name, rcv_name, sig_num), _) in sigcnt.OrderByDescending(e => e.Value))
            Printf("%-16s %-16s %-16s %d\n", snd_name, rcv_name, sig2name[sig_num], sigcnt[(snd_name, rcv_name, sig_num)].Count());
    }
}
