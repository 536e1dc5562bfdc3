// Source: soarpenguin
// Original: syscalls.stp
// Area: profiling
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>Every system call's entry and return, indented by nesting (run with -c COMMAND).</summary>
public sealed class Syscalls : ProbeScript
{
    [Probe("syscall.*")]
    void Enter() => Println(ThreadIndent(4), "->", ProbeFunc());

    [Probe("syscall.*.return")]
    void Return() => Println(ThreadIndent(-4), "<-", ProbeFunc());
}
