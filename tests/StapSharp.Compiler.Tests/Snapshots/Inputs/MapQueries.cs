using StapSharp;
using static StapSharp.Stap;

/// <summary>Sorted, limited and sliced foreach; key patterns in membership and delete; keys of 2 to 9 parts.</summary>
public sealed class MapQueries : ProbeScript
{
    static readonly StapMap<string, long> counts = new();
    static readonly StapMap<(string Name, long Pid), long> byProcess = new();
    static readonly StapMap<(string, long), Stats> latency = new();
    static readonly StapMap<(long, long, long), string> three = new();
    static readonly StapMap<(long, string, long, string, long, string, long, string, long), long> nine = new();
    static long top = 3;

    [Probe("syscall_any")]
    void Count(string name)
    {
        counts[name]++;
        byProcess[(ExecName(), Pid())] += 1;
        latency[(name, Tid())].Add(GetTimeOfDayNs() % 1000);
        three[(1, 2, Pid())] = name;
        nine[(1, "a", 2, "b", 3, "c", 4, "d", Pid())]++;
    }

    [Probe("timer.s(5)")]
    void Report()
    {
        foreach (var (name, n) in counts.OrderByDescending(e => e.Value).Take(10))
            Println($"{name,-20} {n}");
        foreach (var (name, n) in counts.OrderBy(e => e.Key))
            Println($"{name} {n}");
        foreach (var ((name, pid), n) in byProcess.OrderBy(e => e.Key.Pid).Take(top + 1))
            Println($"{pid} {name} {n}");
        foreach (var ((name, pid), n) in byProcess.OrderByDescending(e => e.Key.Item1))
            Println($"{name} {pid} {n}");
        foreach (var ((name, pid), n) in byProcess.Matching(("stapio", Any.Long)).OrderBy(e => e.Value))
            Println($"stapio {pid} {n}");
        foreach (var entry in counts.Take(5))
            Println(entry.Key);
        foreach (var ((name, tid), stats) in latency.OrderByDescending(e => e.Value.Sum()).Take(5))
            Println($"{name} {tid}: {stats.Count()} calls, avg {stats.Avg()} ns");
        foreach (var ((name, tid), stats) in latency.Matching((Any.String, Tid())).OrderBy(e => e.Value.Count()))
            Println($"{name}: {stats.Max()}");
        foreach (var ((name, tid), stats) in latency.OrderBy(e => e.Key.Item2))
            Println($"{name} {tid} {stats.Min()}");
        foreach (var ((a, b, c), text) in three.OrderByDescending(e => e.Key.Item3))
            Println($"{a} {b} {c} {text}");
        foreach (var ((k1, k2, k3, k4, k5, k6, k7, k8, k9), n) in nine.OrderBy(e => e.Key.Item9).Take(1))
            Println($"{k1}{k2}{k3}{k4}{k5}{k6}{k7}{k8}{k9} {n}");

        if (byProcess.ContainsMatching((Any.String, Pid())))
            Println("this process made calls");
        if (!latency.ContainsMatching(("read", Any.Long)))
            Println("no reads");
        if (nine.ContainsKey((1, "a", 2, "b", 3, "c", 4, "d", Pid())))
            nine.Remove((1, "a", 2, "b", 3, "c", 4, "d", Pid()));
        byProcess.RemoveMatching(("stapio", Any.Long));
        latency.RemoveMatching((Any.String, Tid()));
        three.RemoveMatching((Any.Long, 2, Any.Long));
        counts.Clear();
    }
}
