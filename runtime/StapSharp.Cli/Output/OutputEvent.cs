namespace StapSharp.Cli.Output;

/// <summary>
/// An event type as the module declared it: its C# full name, and its field names and wire codes
/// (<c>i64</c>, <c>str</c>, <c>errno</c>, <c>enum:Ns.Kind</c>, ...) in constructor order.
/// </summary>
internal sealed record OutputEventType(string FullName, IReadOnlyList<string> FieldNames, IReadOnlyList<string> FieldCodes);

/// <summary>
/// One decoded event, as the output formats print it. Values are typed: long, int, ulong, bool,
/// <see cref="Errno"/>, string, or byte[] for a string that is not valid UTF-8 (enums arrive as long).
/// </summary>
internal sealed record OutputEvent(OutputEventType Type, long TimestampNs, int Cpu, IReadOnlyList<object?> Values, ulong TruncatedFields)
{
    /// <summary>The host that sent it when a fleet of hosts runs the module; null on one machine.</summary>
    public string? Host { get; init; }

    /// <summary>True when string field <paramref name="index"/> may have been cut at stap's MAXSTRINGLEN.</summary>
    public bool IsTruncated(int index) => (TruncatedFields & (1UL << Math.Min(index, 63))) != 0;
}

/// <summary>Where `stapsharp run` writes a script's events and text lines, in stream order.</summary>
internal interface IEventOutput
{
    /// <summary>The module's event types, once, before its first event.</summary>
    void Declare(IReadOnlyList<OutputEventType> types);

    void Event(OutputEvent e);

    /// <summary>A text line of the script's output (printf, println), without its line break.</summary>
    void Text(string line);

    /// <summary>
    /// Everything read so far is decoded: make what it printed visible. Called once per read of the module's
    /// output, never per event; since a read can hold only a few events, jsonl and csv pace their flushes
    /// (<see cref="FlushPacer"/>), so a fast stream is written in large blocks and a slow one still shows each line.
    /// </summary>
    void Flush();

    /// <summary>The run ended: flush.</summary>
    void Complete();
}
