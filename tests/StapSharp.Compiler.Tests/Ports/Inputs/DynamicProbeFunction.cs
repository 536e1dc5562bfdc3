// Source: nylon7
// Original: src/feature/systemtap/dynamic_probe_function.stp
// Area: profiling
// Faithful: yes
// Arguments: kernel.function("vfs_read")
using StapSharp;
using static StapSharp.Stap;

/// <summary>Calls into and returns from the probe point given as the first argument, indented by nesting.</summary>
public sealed class DynamicProbeFunction : ProbeScript
{
    [ScriptArgument(1)] static string Function;

    static void trace(long entry_p) =>
        Printf("%s%s%s\n", ThreadIndent(entry_p), entry_p > 0 ? "->" : "<-", ProbeFunction());

    [Probe("{Function}.call")]
    void Call() => trace(1);

    [Probe("{Function}.return")]
    void Return() => trace(-1);
}
