// Source: lwtools
// Original: net/weblatency-nd.stp
// Area: network
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>HTTP GET latency per process and URL, sendto() to recvfrom(), with a log2 histogram each (non-debuginfo probes).</summary>
public sealed class WebLatency : ProbeScript
{
    static readonly StapMap<(long, long), long> ts = new(maxEntries: 8192); // max concurrent requests
    static readonly StapMap<(long, long), string> url = new(maxEntries: 8192);
    static readonly StapMap<(long, string), Stats> lat = new();

    [Probe("begin")]
    void Begin() => Printf("Tracing sendto()->recvfrom()... Hit Ctrl-C to end.\n");

    // socket writes
    [Probe("nd_syscall.sendto")]
    void SendTo()
    {
        var msg = UserString(PointerArg(2), "-");
        if (IsInStr(msg, "GET"))
        {
            url[(Pid(), UIntArg(1))] = Tokenize(Substr(msg, 4, StrLen(msg) - 4), " ");
            ts[(Pid(), UIntArg(1))] = GetTimeOfDayNs();
        }
    }

    // socket reads
    [Probe("nd_syscall.recvfrom.return")]
    void RecvFrom()
    {
        var fd = Entry(UIntArg(1));
        var prev = ts[(Pid(), fd)];
        if (prev != 0)
        {
            lat[(Pid(), url[(Pid(), fd)])].Add((GetTimeOfDayNs() - prev) / 1000);
        }
    }

    [Probe("end")]
    void End()
    {
        Printf("statistics:\n");
        foreach (var ((p, u), latency) in lat.OrderBy(e => e.Value))
        {
            Printf("PID: %-5d URL: %s\n", p, u);
            Printf("count: %d, avg: %d us, max: %d us, dist (us):\n", latency.Count(), latency.Avg(), latency.Max());
            Print(latency.HistLog());
        }
    }
}
