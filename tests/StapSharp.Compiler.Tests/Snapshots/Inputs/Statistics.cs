using StapSharp;
using static StapSharp.Stap;

/// <summary>Statistics: scalar and array-valued Stats, every aggregate, both histogram kinds, guards.</summary>
public sealed class Statistics : ProbeScript
{
    const long Buckets = 10;

    static readonly Stats latency = new();
    static readonly Stats sizes = new();
    static readonly StapMap<(string, long), Stats> byProcess = new(maxEntries: 4096);
    static readonly StapMap<string, Stats> bySyscall = new(wrap: true);

    [Probe("syscall.read.return")]
    void Read(long retval)
    {
        latency.Add(GetTimeOfDayUs() % 1000);
        sizes.Add(retval);
        byProcess[(ExecName(), Pid())].Add(retval);
        bySyscall["read"].Add(1);
    }

    [Probe("timer.s(5)")]
    void Report()
    {
        Println($"{latency.Count()} reads, {latency.Sum()} us in all");
        if (latency.Count() > 0)
        {
            Println($"min {latency.Min()} max {latency.Max()} avg {latency.Avg()} variance {latency.Variance()}");
            Print(latency.HistLog());
        }

        if (sizes.Count() == 0)
            return;
        Println(sizes.HistLinear(0, 4096, 512 * 2));
        Println($"bytes in bucket 3: {sizes.HistLinear(0, 4096, 1024)[3]}, shifted variance {sizes.Variance(Buckets)}");
        string drawing = Sprint(sizes.HistLinear(0, 4096, 1024));
        Print(drawing);

        long mine = byProcess[("stapio", Pid())].Count() > 0 ? byProcess[("stapio", Pid())].Avg() : -1;
        Println($"stapio average {mine}");
        foreach (var ((name, pid), stats) in byProcess)
            Println($"{name} {pid}: {stats.Count()} reads, {stats.Sum()} bytes, at most {stats.Max()}");
        foreach (var entry in bySyscall)
            Println($"{entry.Key}: {entry.Value.Count()}");
        byProcess.Remove(("stapio", Pid()));
        bySyscall.Clear();
        byProcess[("init", 1)].Clear();
        latency.Clear();
    }
}
