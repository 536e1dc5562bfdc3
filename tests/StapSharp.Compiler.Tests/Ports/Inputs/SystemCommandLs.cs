// Source: systemtap
// Original: testsuite/buildok/system-embedded.stp
// Area: tapset
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>Runs a shell command from a probe.</summary>
public sealed class SystemCommandLs : ProbeScript
{
    [Probe("begin")]
    void Begin()
    {
        SystemCommand("ls");
    }
}
