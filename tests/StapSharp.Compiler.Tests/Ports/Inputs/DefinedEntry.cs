// Source: systemtap
// Original: testsuite/buildok/defined-entry.stp
// Area: language
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>@defined(@entry(...)) is true only in a return probe whose function has the parameter.</summary>
public sealed class DefinedEntry : ProbeScript
{
    [Probe("kernel.function(\"*_sys_sendto\").return")]
    void SendtoReturn()
    {
        if (Defined(Entry(Var.Long("call")))) Println(Entry(Var.Long("call"))); else Println("yo");
    }

    [Probe("begin")]
    void Begin()
    {
        if (Defined(Entry(Var.Long("call")))) Println(Entry(Var.Long("call"))); else Println("yo");
    }

    [Probe("timer.s(2)")]
    void Tick()
    {
        if (Defined(Entry(Var.Long("call")))) Println(Entry(Var.Long("call"))); else Println("yo");
    }
}
