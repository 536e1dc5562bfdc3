using StapSharp;
using static StapSharp.Stap;

/// <summary>Top-level embedded C (%{ ... %}) shared by the embedded-C functions of a guru-mode script.</summary>
[Guru]
[EmbeddedC("#include <linux/sched.h>")]
[EmbeddedC("static long twice(long x) { return 2 * x; }")]
public sealed class GuruBlocks : ProbeScript
{
    [EmbeddedC("/* pure */ STAP_RETVALUE = twice(STAP_ARG_x) + TASK_COMM_LEN;")]
    static extern long Twice(long x);

    [Probe("begin")]
    void Begin()
    {
        Println(Twice(3));
        Exit();
    }
}
