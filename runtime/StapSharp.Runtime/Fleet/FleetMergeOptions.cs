namespace StapSharp.Runtime.Fleet;

/// <summary>How a <see cref="FleetMerge"/> treats hosts that are quiet.</summary>
public sealed record FleetMergeOptions
{
    /// <summary>
    /// Null (replays, captures): the merge waits for every host that has not ended, so the order is exact. Set (live
    /// runs): a quiet host holds the merge back only until this machine's clock is this far past the next timestamp;
    /// the merge then moves on as if the host had nothing before now minus this, and whatever it still sends earlier is
    /// handed out at once, marked <see cref="FleetItem.Late"/> and counted.
    /// </summary>
    public TimeSpan? Lateness { get; init; }

    /// <summary>
    /// Items read ahead per host while the merge waits for another one, handed to the merge in batches of a quarter of
    /// this (at most 256; see <see cref="BatchedReadAhead{T}"/>).
    /// </summary>
    public int ReadAheadPerHost { get; init; } = 1024;

    /// <summary>The clock <see cref="Lateness"/> is measured on (this machine's wall clock: timestamps are gettimeofday_ns).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
