// Original: network/sk_stream_wait_memory.stp
// SystemTap: testsuite/systemtap.examples at commit 2e5a1050a2ceefd238a451712c3d05c008523dbd
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
