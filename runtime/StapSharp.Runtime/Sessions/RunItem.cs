using System.Text;
using StapSharp.Runtime.Events;
using StapSharp.Runtime.Targets;

namespace StapSharp.Runtime.Sessions;

/// <summary>What a <see cref="RunItem"/> is.</summary>
public enum RunItemKind
{
    /// <summary>An event: <see cref="RunItem.Event"/> is the typed record, or an <see cref="EventRow"/> for types without a decoder.</summary>
    Event,
    /// <summary>A text line of the module's output (<see cref="RunItem.Text"/>, <see cref="RunItem.TextBytes"/>).</summary>
    Text,
    /// <summary>A line staprun wrote on stderr: a warning or an error (<see cref="RunItem.Text"/>).</summary>
    Message,
    /// <summary><see cref="RunItem.Dropped"/> items were dropped here because the reader fell behind.</summary>
    Dropped,
    /// <summary>Output that did not decode (<see cref="RunItem.Text"/> says why and how many bytes were lost); the items around it are intact.</summary>
    DecodeError,
    /// <summary>
    /// The module declares a type whose registered decoder was built from another definition
    /// (<see cref="RunItem.SchemaError"/>); its events come as <see cref="EventRow"/>s, never mis-decoded. Or the
    /// module's schema arrived damaged and a type read here is not among the types whose lines did read: its events
    /// may be lost (counted as decode errors).
    /// </summary>
    SchemaMismatch,
    /// <summary>
    /// The module declared its event types (<see cref="RunItem.Schema"/>), before their first event: delivered only
    /// to <see cref="EventHandlers.OnSchema"/>, once every type of the schema has arrived.
    /// </summary>
    Schema,
}

/// <summary>One item of a run's output, in stream order. A small struct: buffering it allocates nothing.</summary>
public readonly struct RunItem
{
    private readonly object? _payload;
    private readonly long _number;

    private RunItem(RunItemKind kind, object? payload, long number = 0, int cpu = 0, ulong truncated = 0, WireType? type = null)
    {
        Kind = kind;
        _payload = payload;
        _number = number;
        Cpu = cpu;
        TruncatedFields = truncated;
        EventType = type;
    }

    /// <summary>What this item is.</summary>
    public RunItemKind Kind { get; }

    /// <summary>Event: the decoded record (or <see cref="EventRow"/>); otherwise null.</summary>
    public object? Event => Kind == RunItemKind.Event ? _payload : null;

    /// <summary>Event: its type as the module declared it.</summary>
    public WireType? EventType { get; }

    /// <summary>Event: gettimeofday_ns() when it was emitted.</summary>
    public long TimestampNs => Kind == RunItemKind.Event ? _number : 0;

    /// <summary>Event: the CPU that emitted it.</summary>
    public int Cpu { get; }

    /// <summary>Event: bit i set when string field i may have been cut at MAXSTRINGLEN.</summary>
    public ulong TruncatedFields { get; }

    /// <summary>Dropped: how many items were dropped at this point.</summary>
    public long Dropped => Kind == RunItemKind.Dropped ? _number : 0;

    /// <summary>Text: the line's bytes, exactly, without its '\n'.</summary>
    public ReadOnlyMemory<byte> TextBytes => _payload as byte[] ?? default(ReadOnlyMemory<byte>);

    /// <summary>
    /// Text: the line as UTF-8 (invalid bytes become U+FFFD; decoded on each call). Message: the stderr line.
    /// DecodeError: the reason. SchemaMismatch: the error message.
    /// </summary>
    public string? Text => _payload switch
    {
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        string text => text,
        EventSchemaException error => error.Message,
        _ => null,
    };

    /// <summary>SchemaMismatch: the error, naming the type.</summary>
    public EventSchemaException? SchemaError => _payload as EventSchemaException;

    /// <summary>Schema: the event types the module declared.</summary>
    public WireSchema? Schema => _payload as WireSchema;

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        RunItemKind.Event => $"event {EventType?.FullName} @{TimestampNs} cpu{Cpu}: {_payload}",
        RunItemKind.Dropped => $"dropped {Dropped}",
        RunItemKind.Schema => $"schema of {Schema?.TypeCount} types",
        _ => $"{Kind.ToString().ToLowerInvariant()}: {Text}",
    };

    internal static RunItem ForEvent(object record, WireType type, long timestampNs, int cpu, ulong truncated) =>
        new(RunItemKind.Event, record, timestampNs, cpu, truncated, type);

    internal static RunItem ForText(byte[] line) => new(RunItemKind.Text, line);
    internal static RunItem ForMessage(string line) => new(RunItemKind.Message, line);
    internal static RunItem ForDropped(long count) => new(RunItemKind.Dropped, null, count);
    internal static RunItem ForDecodeError(string reason) => new(RunItemKind.DecodeError, reason);
    internal static RunItem ForSchemaMismatch(EventSchemaException error) => new(RunItemKind.SchemaMismatch, error);
    internal static RunItem ForSchema(WireSchema schema) => new(RunItemKind.Schema, schema);
}

/// <summary>A typed event with where and when it happened.</summary>
/// <param name="Event">The record.</param>
/// <param name="TimestampNs">gettimeofday_ns() when it was emitted (orders events across CPUs).</param>
/// <param name="Cpu">The CPU that emitted it.</param>
/// <param name="TruncatedFields">Bit i set when string field i may have been cut at MAXSTRINGLEN.</param>
/// <param name="DroppedBefore">Events of this type dropped since the previous one, because the reader fell behind.</param>
public readonly record struct EventEnvelope<T>(T Event, long TimestampNs, int Cpu, ulong TruncatedFields, long DroppedBefore)
{
    /// <summary>True when string field <paramref name="fieldIndex"/> (constructor order) may have been cut at MAXSTRINGLEN.</summary>
    public bool IsTruncated(int fieldIndex) => (TruncatedFields & (1UL << Math.Min(fieldIndex, 63))) != 0;
}

/// <summary>How a run's output went, counted.</summary>
/// <param name="Run">How the run ended; null when a capture was replayed.</param>
/// <param name="EventsByType">Events framed (and, for the types read, decoded) correctly, by type full name.</param>
/// <param name="TextLines">Text lines of the module's output.</param>
/// <param name="Messages">Lines staprun wrote on stderr.</param>
/// <param name="DecodeErrors">
/// Places where output did not decode: runs of damaged bytes (a damaged frame, a damaged schema line, a text line
/// with a zero byte, up to where records resume) and whole frames whose values did not fit their record (see
/// <paramref name="DecodeErrorSamples"/>).
/// </param>
/// <param name="DecodeErrorSamples">The first few decode-error reasons.</param>
/// <param name="Dropped">Items dropped because the reader fell behind.</param>
/// <param name="LostBytes">Bytes of the output in damaged runs: never delivered, as events or as text.</param>
/// <remarks>Events the kernel side lost never reach the output: SystemTap reports them in a message, counted in <see cref="TransportFailures"/>.</remarks>
public sealed record EventRunSummary(
    RunResult? Run,
    IReadOnlyDictionary<string, long> EventsByType,
    long TextLines,
    long Messages,
    long DecodeErrors,
    IReadOnlyList<string> DecodeErrorSamples,
    long Dropped,
    long LostBytes)
{
    /// <summary>All events, every type.</summary>
    public long Events => EventsByType.Values.Sum();

    /// <summary>Messages that are SystemTap's warnings (see <see cref="StapSharp.Protocol.StapMessages.StapMessageClassifier"/>).</summary>
    public long StapWarnings { get; init; }

    /// <summary>Messages that are SystemTap's errors.</summary>
    public long StapErrors { get; init; }

    /// <summary>Output records the kernel side lost, as SystemTap's "There were N transport failures" messages report them.</summary>
    public long TransportFailures { get; init; }

    /// <summary>Probes SystemTap skipped (their output never made), as its "Number of errors: N, skipped probes: M" message reports them.</summary>
    public long SkippedProbes { get; init; }

    /// <summary>
    /// Everything the run lost, counted once: items dropped because the reader fell behind (<see cref="Dropped"/>), records
    /// the kernel side lost (<see cref="TransportFailures"/>) and probes skipped (<see cref="SkippedProbes"/>). The one
    /// count of a run's drops: the run's summary line and a fleet host's report both read it.
    /// </summary>
    public long TotalDropped => Dropped + TransportFailures + SkippedProbes;

    /// <summary>
    /// The counts of this output followed by <paramref name="next"/>'s (a bulk run's files after its live output):
    /// types in the order they were first seen, decode-error samples in order.
    /// </summary>
    public EventRunSummary Then(EventRunSummary next)
    {
        var byType = new Dictionary<string, long>(EventsByType, StringComparer.Ordinal);
        foreach (var (type, count) in next.EventsByType)
        {
            byType[type] = byType.GetValueOrDefault(type) + count;
        }

        return new EventRunSummary(Run ?? next.Run, byType, TextLines + next.TextLines, Messages + next.Messages,
            DecodeErrors + next.DecodeErrors, [.. DecodeErrorSamples, .. next.DecodeErrorSamples], Dropped + next.Dropped, LostBytes + next.LostBytes)
        {
            StapWarnings = StapWarnings + next.StapWarnings,
            StapErrors = StapErrors + next.StapErrors,
            TransportFailures = TransportFailures + next.TransportFailures,
            SkippedProbes = SkippedProbes + next.SkippedProbes,
        };
    }
}
