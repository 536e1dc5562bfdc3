namespace StapSharp.Runtime.Remote;

/// <summary>
/// One exchange with a host's clock: the local time a request left, the host's clock when it answered, and the local
/// time the answer came back (all Unix time in nanoseconds, CLOCK_REALTIME on both sides).
/// </summary>
public readonly record struct ClockSample(long LocalSentNs, long RemoteNs, long LocalReceivedNs)
{
    /// <summary>The exchange's round trip.</summary>
    public long RoundTripNs => LocalReceivedNs - LocalSentNs;
}

/// <summary>
/// How far a host's clock is ahead of this one (negative: behind), so its timestamps can be put on this machine's time
/// line: local = remote − <see cref="OffsetNs"/>. Estimated as the remote clock minus the midpoint of the local send and
/// receive, from the exchange with the shortest round trip (the one least delayed on either way); the true offset is
/// within ± half that round trip (<see cref="UncertaintyNs"/>), whatever the delays were.
/// </summary>
public sealed record ClockOffset(long OffsetNs, long UncertaintyNs, int Samples)
{
    /// <summary>The estimate from <paramref name="samples"/>.</summary>
    /// <exception cref="ArgumentException">No sample, or one that came back before it left.</exception>
    public static ClockOffset Estimate(IReadOnlyList<ClockSample> samples)
    {
        if (samples.Count == 0)
        {
            throw new ArgumentException("a clock offset needs at least one exchange", nameof(samples));
        }

        if (samples.Any(s => s.RoundTripNs < 0))
        {
            throw new ArgumentException("an exchange came back before it left", nameof(samples));
        }

        var best = samples.MinBy(s => s.RoundTripNs);
        // The midpoint without overflow: both are Unix nanoseconds, well inside a long.
        var midpoint = best.LocalSentNs + best.RoundTripNs / 2;
        return new ClockOffset(best.RemoteNs - midpoint, (best.RoundTripNs + 1) / 2, samples.Count);
    }

    /// <summary>A remote timestamp on this machine's clock.</summary>
    public long ToLocalNs(long remoteNs) => remoteNs - OffsetNs;

    /// <summary>"+12.3 ms ± 0.8 ms".</summary>
    public override string ToString() =>
        $"{(OffsetNs >= 0 ? "+" : "−")}{Math.Abs(OffsetNs) / 1e6:0.0} ms ± {UncertaintyNs / 1e6:0.0} ms";
}
