// Source: systemtap
// Original: testsuite/systemtap.base/overcatcher.stp
// Area: language
// Faithful: no
// Differs: f ends with `return 0`, where the original falls off its end (stap then returns 0):
// Differs: C# requires every path of a long method to return a value (CS0161).
using StapSharp;
using static StapSharp.Stap;

/// <summary>next and return leave a try block without running its catch.</summary>
public sealed class TryCatchOvercatch : ProbeScript
{
    [Probe("begin")]
    void Begin()
    {
        f();
        try
        {
            Println("next");
            return;
        }
        catch
        {
            Println("next-catch");
        }

        Println("next-fallthrough");
    }

    static long f()
    {
        try
        {
            Println("return");
            return 0;
        }
        catch
        {
            Println("return-catch");
        }

        Println("return-fallthrough");
        return 0;
    }

    [Probe("begin(1)")]
    void Stop() => Exit();
}
