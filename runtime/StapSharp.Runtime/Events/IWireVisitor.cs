namespace StapSharp.Runtime.Events;

/// <summary>
/// Receives what <see cref="WireReader"/> splits out of a module's output, in stream order. The spans
/// are only valid during the call. Implement it on a struct for the fastest path (the reader's methods
/// are generic over it).
/// </summary>
public interface IWireVisitor
{
    /// <summary>A text line, without its '\n' (a final line without one is delivered too).</summary>
    void OnText(ReadOnlySpan<byte> line);

    /// <summary>An <c>S</c> header: a new schema starts (its types follow as <see cref="OnTypeDeclared"/>).</summary>
    void OnSchemaHeader(WireSchema schema);

    /// <summary>A <c>T</c> line, already added to the current schema.</summary>
    void OnTypeDeclared(WireType type);

    /// <summary>
    /// An event frame of a declared type. <paramref name="fields"/> are the bytes after the cpu, each field
    /// preceded by one space, without the final '\n': hand them to <see cref="EventFieldReader"/>.
    /// </summary>
    void OnEvent(WireType type, long timestampNs, int cpu, ReadOnlySpan<byte> fields);

    /// <summary>
    /// Bytes that do not form a valid frame; the reader goes on at the next line start after the frame's
    /// start, so the records around it still arrive.
    /// </summary>
    void OnError(WireError error);
}

/// <summary>A visitor that keeps nothing: for reading ahead to see whether bytes form records.</summary>
internal struct IgnoringWireVisitor : IWireVisitor
{
    public readonly void OnText(ReadOnlySpan<byte> line) { }
    public readonly void OnSchemaHeader(WireSchema schema) { }
    public readonly void OnTypeDeclared(WireType type) { }
    public readonly void OnEvent(WireType type, long timestampNs, int cpu, ReadOnlySpan<byte> fields) { }
    public readonly void OnError(WireError error) { }
}

/// <summary>A frame the reader could not use.</summary>
/// <param name="Reason">What was wrong, in a few words.</param>
/// <param name="Offset">The stream offset of the frame's first byte.</param>
public readonly record struct WireError(string Reason, long Offset)
{
    /// <inheritdoc />
    public override string ToString() => $"at byte {Offset}: {Reason}";
}
