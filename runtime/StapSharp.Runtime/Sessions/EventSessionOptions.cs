using StapSharp.Runtime.Events;

namespace StapSharp.Runtime.Sessions;

/// <summary>How an <see cref="EventSession"/> buffers and decodes.</summary>
public sealed record EventSessionOptions
{
    /// <summary>
    /// Items buffered between the run and the reader. When the buffer is full the run waits
    /// (<see cref="MaxWaitWhenFull"/>) before items are dropped.
    /// </summary>
    public int Capacity { get; init; } = 16_384;

    /// <summary>
    /// How long the run may wait for the reader when the buffer is full: backpressure up to this bound, then
    /// items are dropped and their count delivered in order (<see cref="RunItemKind.Dropped"/>,
    /// <see cref="EventEnvelope{T}.DroppedBefore"/>, <see cref="EventHandlers.OnDropped"/>, <see cref="EventRunSummary.Dropped"/>).
    /// After one wait ran out, the run drops without waiting until the reader takes an item again.
    /// <see cref="TimeSpan.Zero"/> never waits; <see cref="Timeout.InfiniteTimeSpan"/> never drops.
    /// </summary>
    public TimeSpan MaxWaitWhenFull { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The module's MAXSTRINGLEN: a string of MAXSTRINGLEN - 1 bytes is flagged as possibly cut.</summary>
    public int MaxStringLength { get; init; } = 512;

    /// <summary>Bound on one frame; see <see cref="WireReader.DefaultMaxRecordBytes"/>.</summary>
    public int MaxRecordBytes { get; init; } = WireReader.DefaultMaxRecordBytes;

    /// <summary>How many decode-error reasons <see cref="EventRunSummary.DecodeErrorSamples"/> keeps.</summary>
    public int ErrorSamples { get; init; } = 20;

    /// <summary>The schema to start with, for output whose header is elsewhere (per-CPU bulk files).</summary>
    public WireSchema? Schema { get; init; }
}
