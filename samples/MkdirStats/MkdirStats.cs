using StapSharp;
using static StapSharp.Stap;

namespace Samples;

/// <summary>
/// mkdir(2) counted with statistics: how many calls, the spread of the path lengths as a
/// histogram, and the two processes that made the most calls.
/// </summary>
/// <remarks>
/// Statistics (<see cref="Stats"/>) are per-CPU and lock-free in the kernel, so adding to them on
/// a hot path costs little; the aggregates are computed when the end probe reads them.
/// </remarks>
public sealed class MkdirStats : ProbeScript
{
    static readonly Stats pathLengths = new();
    static readonly StapMap<(string, long), Stats> byProcess = new();

    [Probe("syscall.mkdir")]
    void Mkdir(string pathname)
    {
        pathLengths.Add(StrLen(pathname));
        byProcess[(ExecName(), Pid())].Add(StrLen(pathname));
    }

    [Probe("end")]
    void Report()
    {
        Println($"mkdir calls: {pathLengths.Count()}");
        if (pathLengths.Count() == 0)
        {
            return;
        }

        Println($"path length: min {pathLengths.Min()}, avg {pathLengths.Avg()}, max {pathLengths.Max()}");
        Print(pathLengths.HistLog());
        foreach (var ((program, pid), calls) in byProcess.OrderByDescending(e => e.Value.Count()).Take(2))
        {
            Println($"{program}[{pid}]: {calls.Count()} calls");
        }
    }
}
