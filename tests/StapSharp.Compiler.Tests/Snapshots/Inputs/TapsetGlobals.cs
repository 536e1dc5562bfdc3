using StapSharp;
using static StapSharp.Stap;

/// <summary>The tapsets' globals read by their own names: the argv tapset's argv_1, argc and argv[n], the memory tapset's constants.</summary>
public sealed class TapsetGlobals : ProbeScript
{
    static long limit = 10;

    [Probe("begin")]
    void Begin()
    {
        if (Argv1 != "")
        {
            limit = StrToL(Argv1, 10);
        }

        for (long i = 1; i <= Argc; i++)
        {
            Println($"argument {i}: {Argv[i]}");
        }
    }

    [Probe("timer.s(1)")]
    void Tick()
    {
        Printf("write faults are %d, major ones %d\n", FAULTFLAGWRITE, VMFAULTMAJOR);
        if (limit-- <= 0)
        {
            Exit();
        }
    }
}
