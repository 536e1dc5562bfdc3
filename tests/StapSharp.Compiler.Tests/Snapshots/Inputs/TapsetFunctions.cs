using StapSharp;
using static StapSharp.Stap;

/// <summary>Generated tapset members (Stap.Tapset.g.cs): void, long, string and bool results, overloads, beside Call's form.</summary>
public sealed class TapsetFunctions : ProbeScript
{
    [Probe("syscall.openat")]
    void Open(string filename)
    {
        if (TargetSetPid(Pid()) && !IsSigBlocked(TaskCurrent(), 9))
        {
            AnsiSetColor(31);
            Println($"{StringQuoted(filename)} on node {AddrToNode(TaskCurrent())}");
            AnsiResetColor();
        }
    }

    [Probe("begin")]
    void Begin()
    {
        AnsiClearScreen();
        AnsiSetColor(37, 40, 1);
        Println($"page {MemPageSize()} bytes, {Call<long>("mem_page_size")} by name");
    }

    [Probe("timer.profile")]
    void Tick()
    {
        if (UserMode())
        {
            Println(Usymfileline(UAddr()));
        }
        else
        {
            PrintSyms(Callers(2));
            Println(Symfileline(Addr()));
        }
    }

    // Never fires: stap resolves the calls (and checks their types) without a symbol table or debuginfo.
    [Probe("never")]
    void Sockets()
    {
        long counter = PointerArg(1);
        Println(AtomicRead(counter) + AtomicLongRead(counter));
    }
}
