// Source: todaygood
// Original: print_backtrace.stp
// Area: profiling
// Faithful: yes
// Arguments: kernel.function("vfs_read")
using StapSharp;
using static StapSharp.Stap;

/// <summary>The kernel backtrace at every hit of the probe point given as the first argument.</summary>
public sealed class BacktraceAt : ProbeScript
{
    [ScriptArgument(1)] static string Point;

    [Probe("{Point}")]
    void Hit()
    {
        Printf("---------\n");
        PrintBacktrace();
        Printf("---------\n");
    }
}
