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
    /// The schema lines at the stream's start are over. A type the header announced whose line did not read (it was
    /// damaged) is still null in <see cref="WireSchema.Types"/>: its frames will be reported as lost.
    /// </summary>
    void OnSchemaEnd(WireSchema schema)
    {
    }

    /// <summary>
    /// A whole event frame of a declared type. <paramref name="fields"/> are the bytes after the cpu, up to the
    /// check: hand them to <see cref="EventFieldReader"/>.
    /// </summary>
    void OnEvent(WireType type, long timestampNs, int cpu, ReadOnlySpan<byte> fields);

    /// <summary>
    /// A run of bytes that are no record (a damaged frame, a damaged schema line, a text line with a zero byte, and
    /// what followed up to where records resume): counted, never delivered. The records around it still arrive.
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

/// <summary>Bytes the reader could not use.</summary>
/// <param name="Reason">What was wrong with the first record among them, in a few words.</param>
/// <param name="Offset">The stream offset of their first byte.</param>
/// <param name="Length">How many bytes were lost.</param>
public readonly record struct WireError(string Reason, long Offset, long Length)
{
    /// <inheritdoc />
    public override string ToString() => $"at byte {Offset}: {Reason} ({Length} bytes lost)";
}
