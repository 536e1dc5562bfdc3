// Source: systemtap
// Original: testsuite/systemtap.examples/network/socket-trace.stp
// Area: network
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>A call graph of the kernel's socket layer (net/socket.c), indented per thread.</summary>
public sealed class SocketTrace : ProbeScript
{
    [Probe("kernel.function(\"*@net/socket.c\").call")]
    void Call() => Printf("%s -> %s\n", ThreadIndent(1), ProbeFunction());

    [Probe("kernel.function(\"*@net/socket.c\").return")]
    void Return() => Printf("%s <- %s\n", ThreadIndent(-1), ProbeFunction());
}
