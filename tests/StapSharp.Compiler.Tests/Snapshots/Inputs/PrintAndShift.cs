using StapSharp;
using static StapSharp.Stap;

/// <summary>print with several values, the delimited prints, shifts by a variable count, and system().</summary>
public sealed class PrintAndShift : ProbeScript
{
    static long bits = 5;

    [Probe("begin")]
    void Start()
    {
        long mask = 1L << (int)bits;
        long high = mask >> (int)(bits - 1);
        mask <<= (int)bits;
        Println("mask ", mask, " high ", high);
        Print(ExecName(), ":", Pid());
        Println();
        Printd(",", 1, "two", mask);
        Printdln(" | ", ExecName(), Pid());
        string line = Sprintln(Pid(), " ", Tid());
        string row = Sprintd(";", 1, 2) + Sprintdln(";", 3, "4") + Sprint("a", 1);
        Print(line, row);
        SystemCommand("true");
        Exit();
    }
}
