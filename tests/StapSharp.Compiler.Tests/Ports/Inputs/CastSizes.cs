// Source: systemtap
// Original: testsuite/semok/sizeof.stp
// Area: language
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>The size of C types, from the kernel's debuginfo, a kernel header, a user header and a program.</summary>
public sealed class CastSizes : ProbeScript
{
    [Probe("begin")]
    void Begin()
    {
        Println("task_struct: ", CastModuleSizeof("kernel", "task_struct"));
        Println("task_struct: ", CastModuleSizeof("kernel<linux/sched.h>", "task_struct"));
        Println("FILE: ", CastModuleSizeof("<stdio.h>", "FILE"));
    }

    [Probe("process(\"stap\").function(\"main\")")]
    void Main()
    {
        Println("systemtap_session: ", CastSizeof("systemtap_session"));
    }
}
