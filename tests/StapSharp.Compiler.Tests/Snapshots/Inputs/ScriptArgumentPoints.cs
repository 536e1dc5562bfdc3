using StapSharp;
using static StapSharp.Stap;

/// <summary>Script arguments in probe points ({Name} of a [ScriptArgument] field) and $# in a build-time condition.</summary>
public sealed class ScriptArgumentPoints : ProbeScript
{
    [ScriptArgument(1)] static long Interval = 5;
    [ScriptArgument(2)] static string Program = "/bin/true";
    [ScriptArgument(3)] static string Target = "syscall.read";
    static long Calls;

    [Probe("begin")]
    void Begin()
    {
        if (Kernel.ArgumentCount > 3)
        {
            Error("usage: ScriptArgumentPoints [SECONDS [PROGRAM [PROBE-POINT]]]");
        }

        Println($"every {Interval} s; watching {Program} and {Target}");
    }

    [Probe("timer.s({Interval})")]
    void Tick() => Println($"{Calls} calls");

    [Probe("process({Program}).begin")]
    void Started() => Println($"started {ExecName()}[{Pid()}]");

    [Probe("{Target}")]
    void Entered() => Calls++;

    [Probe("{Target}.return")]
    void Returned() => Calls--;
}
