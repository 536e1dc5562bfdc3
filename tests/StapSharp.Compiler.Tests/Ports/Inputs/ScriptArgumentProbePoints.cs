// Source: systemtap
// Original: testsuite/systemtap.base/pr10854.stp
// Area: language
// Faithful: no
// Differs: the function trace is named trace_call: a C# class cannot have a field and a method of one
// Differs: name, where stap keeps the global trace and the function trace apart.
// Arguments: ksys_read vfs*@fs/*.c
using StapSharp;
using static StapSharp.Stap;

/// <summary>Indented entry and exit of the kernel functions named by the script's two arguments.</summary>
public sealed class ScriptArgumentProbePoints : ProbeScript
{
    [ScriptArgument(1)] static string Function1;
    [ScriptArgument(2)] static string Function2;

    static void trace_call(long entry_p)
    {
        if (trace.ContainsKey(Tid()))
            Printf("%s%s%s\n", ThreadIndent(entry_p),
                (entry_p > 0 ? "->" : "<-"),
                ProbeFunc());
    }

    static readonly StapMap<long, long> trace = new();

    [Probe("kernel.function({Function1}).call")]
    void Call1()
    {
        if (Pid() == Call<long>("stp_pid")) return; // skip our own helper process
        trace[Tid()] = 1;
        trace_call(1);
    }

    [Probe("kernel.function({Function1}).return")]
    void Return1()
    {
        if (Pid() == Call<long>("stp_pid")) return; // skip our own helper process
        trace_call(-1);
        trace.Remove(Tid());
    }

    [Probe("kernel.function({Function2}).call")]
    void Call2() => trace_call(1);

    [Probe("kernel.function({Function2}).return")]
    void Return2() => trace_call(-1);
}
