using StapSharp;
using static StapSharp.Stap;

/// <summary>
/// Deleting scalars: x = default; on a long or string global is stap's delete x (back to 0 or ""), and Clear()
/// on a scalar statistic is delete s (emptied); a local keeps its assignment.
/// </summary>
public sealed class ScalarDelete : ProbeScript
{
    static long Bytes;
    static string Last = "";
    static readonly Stats Ticks = new();

    [Probe("syscall.read.return")]
    void Read(long retval, string name)
    {
        Bytes += retval;
        Last = name;
        Ticks.Add(1);
    }

    [Probe("timer.s(5)")]
    void Report()
    {
        long shown = Bytes;
        Printf("%d bytes, last %s, %d ticks\n", shown, Last, Ticks.Count());
        Bytes = default;
        (Last) = default(string);
        Ticks.Clear();
        shown = default;
        Println(shown);
    }
}
