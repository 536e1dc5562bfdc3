using StapSharp;
using static StapSharp.Stap;

/// <summary>Maps (one and two keys, capacity, wrap), foreach, membership, deletion, and functions.</summary>
public sealed class MapsAndFunctions : ProbeScript
{
    static readonly StapMap<string, long> calls = new(maxEntries: 10_000);
    static readonly StapMap<(string, long), string> names = new(wrap: true);
    static readonly StapMap<long, long> starts = new(maxEntries: 65536, wrap: true);

    [Probe("syscall_any")]
    void Count(string name)
    {
        calls[name]++;
        calls[name] += Weight(name);
        names[(name, Pid())] = ExecName();
        if (!starts.ContainsKey(Tid()))
            starts[Tid()] = GetTimeOfDayUs();
    }

    [Probe("timer.s(5)")]
    void Report()
    {
        foreach (var (name, n) in calls)
            Printf("%-20s %d\n", name, n);
        foreach (var ((name, pid), exec) in names)
            Println($"{name,-16} {pid,6} {exec}");
        foreach (var entry in starts)
        {
            if (entry.Value > 0)
                Println($"{entry.Key}: {entry.Value:x}");
        }

        calls.Remove("read");
        names.Clear();
        Println(Describe(Sum(1, 2)));
    }

    static long Weight(string name) => name == "read" ? 2 : 1;

    static long Sum(long a, long b)
    {
        return a + b;
    }

    static string Describe(long value) => $"value={value}";
}
