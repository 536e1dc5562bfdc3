using StapSharp;
using static StapSharp.Stap;

/// <summary>A whole probe and a global chosen by the number of script arguments: %( $# >= 1 %? ... %).</summary>
public sealed class ArgumentCountBuildIf : ProbeScript
{
    static bool HasTarget => Kernel.ArgumentCount >= 1;

    [ScriptArgument(1)] static string Target;

    [BuildIf(nameof(HasTarget))]
    static long hits;

    [BuildIf(nameof(HasTarget))]
    [Probe("{Target}")]
    void Hit() => hits++;

    [BuildIf(nameof(HasTarget))]
    [Probe("end")]
    void End() => Printf("%d hits\n", hits);

    [BuildIf(nameof(HasTarget), Otherwise = true)]
    [Probe("begin")]
    void Usage()
    {
        Println("usage: ArgumentCountBuildIf PROBE-POINT");
        Exit();
    }
}
