// Source: systemtap
// Original: testsuite/systemtap.examples/network/sk_stream_wait_memory.stp
// Area: network
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>Processes blocked on a full socket send buffer, and when they recover.</summary>
public sealed class SkStreamWaitMemory : ProbeScript
{
    [Probe("kernel.function(\"sk_stream_wait_memory\")")]
    void Blocked() => Printf("%u: %s(%d) blocked on full send buffer\n", GetTimeOfDayUs(), ExecName(), Pid());

    [Probe("kernel.function(\"sk_stream_wait_memory\").return")]
    void Recovered() => Printf("%u: %s(%d) recovered from full send buffer\n", GetTimeOfDayUs(), ExecName(), Pid());
}
