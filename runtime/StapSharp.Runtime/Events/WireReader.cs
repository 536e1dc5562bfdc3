using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace StapSharp.Runtime.Events;

/// <summary>
/// Splits a module's output bytes (runtime/StapSharp/WIRE-FORMAT.md) into text lines, schema lines and
/// event frames, byte-exactly. Feed it chunks cut anywhere with <see cref="Write{TVisitor}"/> and call
/// <see cref="Complete{TVisitor}"/> at the end of the stream. Records are handed out as spans straight
/// from the chunk; only a record cut by a chunk boundary is copied (once) into a carry buffer.
/// </summary>
/// <remarks>
/// A frame's end is found from its type's field codes, so strings may hold '\n' and even "\n\x1e".
/// Bytes that do not form a frame are reported through <see cref="IWireVisitor.OnError"/> and the reader
/// resynchronises at the first line start after the bad frame's start. Not thread-safe: one writer.
/// </remarks>
public sealed class WireReader
{
    /// <summary>The byte that starts a frame at the start of a line (ASCII record separator).</summary>
    public const byte FrameMark = 0x1E;

    /// <summary>Default bound on one record: a longer frame is an error, a longer text line is delivered in pieces.</summary>
    public const int DefaultMaxRecordBytes = 1 << 20;

    /// <summary>Read size of <see cref="ReadToEnd{TVisitor}"/>: large reads keep records cut by a boundary (copied once) rare.</summary>
    public const int DefaultReadBufferBytes = 1 << 20;

    private enum Status { Complete, Incomplete, Malformed }

    private readonly int _maxRecordBytes;
    private byte[] _carry = new byte[1024];
    private int _carryLength;
    private long _offset;
    private bool _skipping;

    /// <param name="schema">The schema to start with: for output whose header is in another stream (per-CPU bulk files).</param>
    /// <param name="maxRecordBytes">Bound on one record; see <see cref="DefaultMaxRecordBytes"/>.</param>
    public WireReader(WireSchema? schema = null, int maxRecordBytes = DefaultMaxRecordBytes)
    {
        Schema = schema;
        _maxRecordBytes = maxRecordBytes;
    }

    /// <summary>A reader that starts in the middle of a stream, in the state another reader left there.</summary>
    internal WireReader(WireSchema? schema, int maxRecordBytes, long offset, bool skipping)
        : this(schema, maxRecordBytes)
    {
        _offset = offset;
        _skipping = skipping;
    }

    /// <summary>True while the reader passes over the rest of a bad frame's line.</summary>
    internal bool IsSkipping => _skipping;

    /// <summary>True while the reader holds the start of a record cut by the end of the last chunk.</summary>
    internal bool HasCarry => _carryLength > 0;

    /// <summary>The current schema: the last <c>S</c> header and the <c>T</c> lines read after it.</summary>
    public WireSchema? Schema { get; private set; }

    /// <summary>Bytes handed to <see cref="Write{TVisitor}"/> so far.</summary>
    public long BytesWritten { get; private set; }

    /// <summary>Feeds the next bytes of the stream; every record they complete goes to <paramref name="visitor"/>.</summary>
    public void Write<TVisitor>(ReadOnlySpan<byte> chunk, ref TVisitor visitor) where TVisitor : IWireVisitor
    {
        BytesWritten += chunk.Length;
        // Finish the record cut by the last boundary, one line at a time: most records need one step.
        while (_carryLength > 0 && !chunk.IsEmpty)
        {
            var newline = chunk.IndexOf((byte)'\n');
            var take = newline < 0 ? chunk.Length : newline + 1;
            AppendCarry(chunk[..take]);
            chunk = chunk[take..];
            DropCarry(Parse(_carry.AsSpan(0, _carryLength), final: false, ref visitor));
        }
        if (chunk.IsEmpty)
            return;
        var used = Parse(chunk, final: false, ref visitor);
        AppendCarry(chunk[used..]);
    }

    /// <summary>Ends the stream: a last line without '\n' is delivered, a frame cut short is an error.</summary>
    public void Complete<TVisitor>(ref TVisitor visitor) where TVisitor : IWireVisitor
    {
        if (_carryLength > 0)
            DropCarry(Parse(_carry.AsSpan(0, _carryLength), final: true, ref visitor));
        _carryLength = 0;
        _skipping = false;
    }

    /// <summary>Reads <paramref name="stream"/> to its end through this reader, then completes it.</summary>
    public void ReadToEnd<TVisitor>(Stream stream, ref TVisitor visitor, int bufferSize = DefaultReadBufferBytes) where TVisitor : IWireVisitor
    {
        var buffer = new byte[bufferSize];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            Write(buffer.AsSpan(0, read), ref visitor);
        Complete(ref visitor);
    }

    private int Parse<TVisitor>(ReadOnlySpan<byte> data, bool final, ref TVisitor visitor) where TVisitor : IWireVisitor
    {
        var position = 0;
        if (_skipping)
        {
            var newline = data.IndexOf((byte)'\n');
            if (newline < 0)
            {
                _offset += data.Length;
                return data.Length;
            }
            _skipping = false;
            position = newline + 1;
        }

        while (position < data.Length)
        {
            // Looked up each time round: an S line read below replaces the schema.
            if (Schema is { } schema)
            {
                position = ReadBinaryRun(data, position, schema.Layouts, ref visitor);
                if (position == data.Length)
                    break;
            }
            var rest = data[position..];
            if (rest[0] != FrameMark)
            {
                var newline = rest.IndexOf((byte)'\n');
                // A probe that printed no line end leaves the next probe's frame inside this line.
                var frame = FrameInLine(newline >= 0 ? rest[..newline] : rest, rest, final);
                if (frame > 0)
                {
                    visitor.OnText(rest[..frame]);
                    position += frame;
                    continue;
                }
                if (frame == 0)
                    break;
                if (newline >= 0)
                {
                    visitor.OnText(rest[..newline]);
                    position += newline + 1;
                    continue;
                }
                if (!final && rest.Length <= _maxRecordBytes)
                    break;
                visitor.OnText(rest);
                position = data.Length;
                break;
            }

            var status = ParseFrame(rest, ref visitor, out var length, out var reason);
            if (status == Status.Complete)
            {
                position += length;
                continue;
            }
            if (status == Status.Incomplete)
            {
                if (!final && rest.Length <= _maxRecordBytes)
                    break;
                reason = final ? "the input ends inside this frame" : $"frame longer than {_maxRecordBytes} bytes";
            }
            visitor.OnError(new WireError(reason!, _offset + position));
            var next = rest.IndexOf((byte)'\n');
            if (next >= 0)
            {
                position += next + 1;
                continue;
            }
            _skipping = !final;
            position = data.Length;
        }
        _offset += position;
        return position;
    }

    /// <summary>
    /// Where an event frame starts inside <paramref name="line"/> (which starts <paramref name="rest"/>), after text
    /// that has no line end: the text before it is then a line of its own. 0 when the frame may only be cut by
    /// the chunk's end (wait for more bytes); -1 when there is none: a frame mark whose bytes do not read as a
    /// whole frame stays part of the text, so text that holds the mark is never taken apart.
    /// </summary>
    private int FrameInLine(ReadOnlySpan<byte> line, ReadOnlySpan<byte> rest, bool final)
    {
        var mark = line.IndexOf(FrameMark);
        while (mark > 0)
        {
            var candidate = rest[mark..];
            if (candidate.Length < 2 || candidate[1] == (byte)'B')
            {
                var ignore = new IgnoringWireVisitor();
                var status = ParseFrame(candidate, ref ignore, out _, out _);
                if (status == Status.Complete)
                    return mark;
                if (status == Status.Incomplete && !final && rest.Length <= _maxRecordBytes)
                    return 0;
            }
            var next = line[(mark + 1)..].IndexOf(FrameMark);
            mark = next < 0 ? -1 : mark + 1 + next;
        }
        return -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Status ParseFrame<TVisitor>(ReadOnlySpan<byte> rest, ref TVisitor visitor, out int length, out string? reason)
        where TVisitor : IWireVisitor
    {
        length = 0;
        reason = null;
        if (rest.Length < 2)
            return Status.Incomplete;
        switch (rest[1])
        {
            case (byte)'B':
                return ParseBinaryEvent(rest, ref visitor, out length, out reason);
            case (byte)'S' or (byte)'T':
                var newline = rest.IndexOf((byte)'\n');
                if (newline < 0)
                    return Status.Incomplete;
                length = newline + 1;
                var line = Encoding.UTF8.GetString(rest[2..newline]);
                reason = rest[1] == (byte)'S' ? ReadHeader(line, ref visitor) : ReadTypeLine(line, ref visitor);
                return reason is null ? Status.Complete : Status.Malformed;
            default:
                reason = "a line starts with \\x1e but is no S, T or B frame";
                return Status.Malformed;
        }
    }

    /// <summary>
    /// A <c>B</c> frame: <c>\x1eB</c>, the type id (2 bytes), the timestamp (8) and the cpu (2), little-endian, then
    /// the fields (8 bytes per integer; a 4-byte length and the bytes per string) and <c>\n</c>. Its end follows from
    /// its type, so no byte of it is searched for.
    /// </summary>
    private Status ParseBinaryEvent<TVisitor>(ReadOnlySpan<byte> rest, ref TVisitor visitor, out int length, out string? reason)
        where TVisitor : IWireVisitor
    {
        length = 0;
        reason = null;
        if (rest.Length < WireFormat.BinaryHeaderBytes)
            return Status.Incomplete;
        int id = BinaryPrimitives.ReadUInt16LittleEndian(rest[2..]);
        var timestamp = BinaryPrimitives.ReadInt64LittleEndian(rest[4..]);
        int cpu = BinaryPrimitives.ReadUInt16LittleEndian(rest[12..]);
        var type = Schema?[id];
        if (type is null)
        {
            reason = UndeclaredType(Schema, id);
            return Status.Malformed;
        }

        var position = 0;
        var gaps = type.BinaryStringGaps;
        for (var k = 0; k < gaps.Length; k++)
        {
            position += gaps[k];
            if (rest.Length - position < WireFormat.BinaryStringLengthBytes)
                return Status.Incomplete;
            var byteLength = BinaryPrimitives.ReadUInt32LittleEndian(rest[position..]);
            if (byteLength > (uint)_maxRecordBytes)
            {
                reason = StringTooLong(type, type.StringFields[k], byteLength);
                return Status.Malformed;
            }
            position += WireFormat.BinaryStringLengthBytes + (int)byteLength;
        }
        position += type.BinaryTailBytes;
        if (position >= rest.Length)
            return Status.Incomplete;
        if (rest[position] != (byte)'\n')
        {
            reason = NoFrameEnd(type);
            return Status.Malformed;
        }
        length = position + 1;
        visitor.OnEvent(type, timestamp, cpu, rest[WireFormat.BinaryHeaderBytes..position]);
        return Status.Complete;
    }

    /// <summary>
    /// Delivers the whole, valid <c>B</c> frames that follow one another from <paramref name="position"/> (the
    /// bulk of a module's output) in one tight loop, and returns where the first other record starts: text, a
    /// frame of another kind, one cut by the chunk's end or a bad one, which the general path then reads or reports.
    /// </summary>
    private int ReadBinaryRun<TVisitor>(ReadOnlySpan<byte> data, int position, BinaryLayout[] layouts, ref TVisitor visitor)
        where TVisitor : IWireVisitor
    {
        ref var start = ref MemoryMarshal.GetReference(data);
        while (data.Length - position >= WireFormat.BinaryHeaderBytes)
        {
            ref var frame = ref Unsafe.Add(ref start, position);
            if (Load16(ref frame, 0) != BinaryFrameStart)
            {
                // Plain text between frames: a line that holds no frame mark is text whole.
                if (frame == FrameMark)
                    break;
                var line = data[position..];
                var lineEnd = line.IndexOfAny((byte)'\n', FrameMark);
                if (lineEnd < 0 || line[lineEnd] != (byte)'\n')
                    break;
                visitor.OnText(line[..lineEnd]);
                position += lineEnd + 1;
                continue;
            }
            int id = Load16(ref frame, 2);
            if ((uint)id >= (uint)layouts.Length)
                break;
            ref readonly var layout = ref layouts[id];
            var available = data.Length - position;
            int end;
            if (layout.StringCount == 0)
                end = layout.TailBytes;
            else
            {
                end = layout.StringCount == 1 ? StringEnd(ref frame, layout.FirstStringOffset, available) : StringsEnd(ref frame, layout.Type!, available);
                if (end < 0)
                    break;
                end += layout.TailBytes;
            }
            if (end >= available || Unsafe.Add(ref frame, end) != (byte)'\n' || layout.Type is not { } type)
                break;
            visitor.OnEvent(type, BinaryPrimitives.ReadInt64LittleEndian(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref frame, 4), 8)), Load16(ref frame, 12),
                data.Slice(position + WireFormat.BinaryHeaderBytes, end - WireFormat.BinaryHeaderBytes));
            position += end + 1;
        }
        return position;
    }

    /// <summary>Where the string whose length is at <paramref name="offset"/> ends; -1 when it is cut by the chunk's end or too long.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int StringEnd(ref byte frame, int offset, int available)
    {
        if (available - offset < WireFormat.BinaryStringLengthBytes)
            return -1;
        var byteLength = Load32(ref frame, offset);
        return byteLength > (uint)_maxRecordBytes ? -1 : offset + WireFormat.BinaryStringLengthBytes + (int)byteLength;
    }

    /// <summary>Where the last of several strings ends, as <see cref="StringEnd"/>.</summary>
    private int StringsEnd(ref byte frame, WireType type, int available)
    {
        var end = 0;
        foreach (var gap in type.BinaryStringGaps)
        {
            end = StringEnd(ref frame, end + gap, available);
            if (end < 0)
                return -1;
        }
        return end;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ushort Load16(ref byte frame, int offset) =>
        BinaryPrimitives.ReadUInt16LittleEndian(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref frame, offset), 2));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Load32(ref byte frame, int offset) =>
        BinaryPrimitives.ReadUInt32LittleEndian(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref frame, offset), 4));

    /// <summary><c>\x1eB</c> read as one little-endian ushort.</summary>
    private const ushort BinaryFrameStart = FrameMark | ('B' << 8);

    // Reasons are built out of line: string building in the frame parser would widen its stack frame, which
    // every frame then pays to clear.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string UndeclaredType(WireSchema? schema, long id) =>
        schema is null ? "an event before the schema header" : $"an event of undeclared type id {id}";

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string NoFrameEnd(WireType type) => $"{type.FullName}: no line end after its {type.Fields.Count} fields";

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string FieldFault(WireType type, int field, string problem) => $"{type.FullName}: field {field} {problem}";

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string StringTooLong(WireType type, int field, long byteLength) => FieldFault(type, field, $"claims {byteLength} bytes");

    private string? ReadHeader<TVisitor>(string line, ref TVisitor visitor) where TVisitor : IWireVisitor
    {
        var parts = line.Split(' ');
        if (parts.Length < 3)
            return "a schema header needs a version, a script hash and a type count";
        if (parts[0] != VersionText(WireFormat.Version))
            return $"wire format version {parts[0]} is not supported (this runtime reads version {WireFormat.Version}): use the StapSharp that built the module";
        if (ByteOrderFault(parts) is { } byteOrder)
            return byteOrder;
        if (!IsHash(parts[1]))
            return "the schema header's script hash is not 16 hex digits";
        if (!int.TryParse(parts[2], System.Globalization.NumberStyles.None, null, out var count) || count > 65536)
            return "the schema header's type count is not a number";
        Schema = new WireSchema(parts[1], count);
        visitor.OnSchemaHeader(Schema);
        return null;
    }

    private string? ReadTypeLine<TVisitor>(string line, ref TVisitor visitor) where TVisitor : IWireVisitor
    {
        if (Schema is null)
            return "a type line before the schema header";
        var parts = line.Split(' ');
        if (parts.Length < 4)
            return "a type line needs an id, a name, a hash and a field count";
        if (!int.TryParse(parts[0], System.Globalization.NumberStyles.None, null, out var id) || id >= Schema.TypeCount)
            return $"type id {parts[0]} is not below the header's type count {Schema.TypeCount}";
        if (!IsHash(parts[2]))
            return $"{parts[1]}: the type hash is not 16 hex digits";
        if (!int.TryParse(parts[3], System.Globalization.NumberStyles.None, null, out var count) || parts.Length != 4 + count)
            return $"{parts[1]}: the field count does not match the fields";
        var fields = new WireField[count];
        for (var i = 0; i < count; i++)
        {
            var field = parts[4 + i];
            var colon = field.IndexOf(':');
            if (colon <= 0 || !WireField.TryParseKind(field[(colon + 1)..], out var kind))
                return $"{parts[1]}: field '{field}' has no known field code";
            fields[i] = new WireField(field[..colon], kind, field[(colon + 1)..]);
        }
        var type = new WireType(id, parts[1], parts[2], fields);
        Schema.Declare(type);
        visitor.OnTypeDeclared(type);
        return null;
    }

    private static string VersionText(int version) => version.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The header ends with the byte-order mark, whose bytes must be 01 02.</summary>
    private static string? ByteOrderFault(string[] parts)
    {
        if (parts.Length != 4 || parts[3].Length != 2)
            return "a schema header needs a script hash, a type count and a byte-order mark";
        return parts[3] switch
        {
            WireFormat.LittleEndianMark => null,
            WireFormat.BigEndianMark => "the module writes big-endian numbers: this runtime reads binary frames of little-endian targets only",
            _ => "the schema header's byte-order mark is neither 01 02 nor 02 01",
        };
    }

    private static bool IsHash(string text) => text.Length == 16 && text.All(char.IsAsciiHexDigitLower);

    private void AppendCarry(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
            return;
        if (_carryLength + bytes.Length > _carry.Length)
            Array.Resize(ref _carry, Math.Max(_carry.Length * 2, _carryLength + bytes.Length));
        bytes.CopyTo(_carry.AsSpan(_carryLength));
        _carryLength += bytes.Length;
    }

    private void DropCarry(int count)
    {
        if (count == 0)
            return;
        _carry.AsSpan(count, _carryLength - count).CopyTo(_carry);
        _carryLength -= count;
    }
}
