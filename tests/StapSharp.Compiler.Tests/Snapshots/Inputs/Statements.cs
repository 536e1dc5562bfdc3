using StapSharp;
using static StapSharp.Stap;

/// <summary>Locals, loops, branches, break/continue, return → next, ternaries and compound assignment.</summary>
public sealed class Statements : ProbeScript
{
    static long total;
    static string last = "none";
    static bool verbose = true;

    [Probe("begin")]
    void Start()
    {
        long sum = 0;
        for (long i = 0; i < 10; i++)
        {
            if (i % 2 == 0)
                continue;
            sum += i;
        }

        var n = 3L;
        while (n > 0)
        {
            n--;
            if (n == 1) break;
        }

        var label = sum > 20 ? "big" : "small";
        label += "!";
        total = (sum << 2) | 1;
        total ^= ~n & 0xff;
        last = label;
        if (!verbose || total >= 100 && label != "x")
        {
            Println($"{label} {total}");
            return;
        }
        else
        {
            Println(total);
        }

        Exit();
    }
}
