// Source: bruceding
// Original: scripts/command-line.stp
// Area: profiling
// Faithful: no
// Differs: the original prints $$parms$ (the parameters with their structures' members); the port prints
// Differs: $$parms (Var.Parms), as $$parms$ has no C# form; and it declares the globals Function = @1 and
// Differs: Milliseconds = $2 for the [ScriptArgument] fields its probe points name.
// Arguments: vfs_read 1000
using StapSharp;
using static StapSharp.Stap;

/// <summary>The parameters of every call to a kernel function named on the command line, for a given number of milliseconds.</summary>
public sealed class CommandLine : ProbeScript
{
    [ScriptArgument(1)] static string Function;
    [ScriptArgument(2)] static long Milliseconds;

    [Probe("kernel.function({Function})")]
    void Called() => Printf("%s\n", Var.Parms);

    [Probe("timer.ms({Milliseconds})")]
    void Stop() => Exit();
}
