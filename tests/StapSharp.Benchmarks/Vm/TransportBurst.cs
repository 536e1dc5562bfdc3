using StapSharp;
using static StapSharp.Stap;

namespace StapSharp.Benchmarks.Vm;

/// <summary>One small event: 31 bytes on the wire.</summary>
public readonly record struct Tick(long Seq, long Fire);

/// <summary>
/// Emits <see cref="PerFire"/> events every millisecond (one print-buffer flush each, below stap's 8 KiB), and at the
/// end says how many it emitted, as a warning (staprun's stderr, which a full output buffer cannot lose) and as an
/// output line (which it can).
/// </summary>
public sealed partial class TransportBurst : ProbeScript
{
    /// <summary>Events per firing; set at load time (-G PerFire=N).</summary>
    static long PerFire = 200;
    static long seq;
    static long fired;
    static long startedNs;

    [Probe("begin")]
    void Begin() => startedNs = GetTimeOfDayNs();

    [Probe("timer.us(1000)")]
    void Fire()
    {
        for (long i = 0; i < PerFire; i++)
        {
            Emit(new Tick(seq++, fired));
        }

        fired++;
    }

    [Probe("end")]
    void End()
    {
        Warn(Sprintf("transport-burst fired=%d emitted=%d ns=%d", fired, seq, GetTimeOfDayNs() - startedNs));
        Println($"end after {seq} events");
    }
}
