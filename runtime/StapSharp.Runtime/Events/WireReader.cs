using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace StapSharp.Runtime.Events;

/// <summary>
/// Splits a module's output bytes (runtime/StapSharp/WIRE-FORMAT.md) into text lines, schema lines and
/// event frames, byte-exactly. Feed it chunks cut anywhere with <see cref="Write{TVisitor}"/> and call
/// <see cref="Complete{TVisitor}"/> at the end of the stream. Records are handed out as spans straight
/// from the chunk; only a record cut by a chunk boundary is copied (once) into a carry buffer.
/// </summary>
/// <remarks>
/// <para>
/// The rules, so that no text a probe prints can forge or hide an event, and damage loses only what it touched:
/// </para>
/// <list type="bullet">
/// <item>The schema (an <c>S</c> header, then its <c>T</c> lines) is read only at the stream's start, and only when the
/// header holds its byte-order mark's zero byte; anywhere else, <c>\x1eS</c> and <c>\x1eT</c> lines are text.</item>
/// <item>A frame starts with <c>\x1eB</c>, the type id and a zero byte. Text never holds a zero byte (stap strings end at
/// NUL), so text never starts a frame, and a "text line" that holds one is damage.</item>
/// <item>A frame is whole when its type is declared, its string lengths fit, its check matches its values and a
/// <c>\n</c> follows it. Anything else that starts like a frame is damage.</item>
/// <item>Damaged bytes are passed over up to the earliest whole frame after their start, or to a line start after the
/// damaged frame's extent, whichever comes first; each such run is one <see cref="IWireVisitor.OnError"/> with its length.</item>
/// </list>
/// <para>Every byte is handed out once: in a frame, in a text line (with its '\n'), or in a lost run. The work is linear in
/// the input however it is chunked. Not thread-safe: one writer.</para>
/// </remarks>
public sealed class WireReader
{
    /// <summary>Default bound on one record: a longer frame is an error, a longer text line is delivered in pieces.</summary>
    public const int DefaultMaxRecordBytes = 1 << 20;

    /// <summary>Read size of <see cref="ReadToEnd{TVisitor}"/>: large reads keep records cut by a boundary (copied once) rare.</summary>
    public const int DefaultReadBufferBytes = 1 << 20;

    /// <summary>Bound on a schema header line: it is short, so a longer one is damage.</summary>
    private const int MaxHeaderBytes = 256;

    private static readonly SearchValues<byte> TextStops = SearchValues.Create((byte)'\n', 0, WireFormat.FrameMark);
    private static readonly SearchValues<byte> LossStops = SearchValues.Create((byte)'\n', WireFormat.FrameMark);

    private readonly int _maxRecordBytes;
    private readonly WireSchema? _given;
    private byte[] _carry = new byte[1024];
    private int _carryLength;
    // The carry is parsed again only once it holds this many bytes: before that nothing can be decided. 0: once a
    // byte arrives that may end its unfinished line (a line end, a zero byte, a frame mark).
    private int _carryNeed;
    // Bytes at the carry's start already scanned as part of an unfinished text line: the next scan starts there.
    private int _carryScanned;
    private long _offset;
    private State _state;

    /// <param name="schema">The schema to start with: for output whose header is in another stream (per-CPU bulk files).</param>
    /// <param name="maxRecordBytes">Bound on one record; see <see cref="DefaultMaxRecordBytes"/>.</param>
    public WireReader(WireSchema? schema = null, int maxRecordBytes = DefaultMaxRecordBytes)
    {
        _given = schema;
        Schema = schema;
        _maxRecordBytes = maxRecordBytes;
        _state = State.AtStart;
    }

    /// <summary>A reader that starts in the middle of a stream, in the state another reader left there.</summary>
    internal WireReader(WireSchema? schema, int maxRecordBytes, long offset, State state)
        : this(schema, maxRecordBytes)
    {
        _offset = offset;
        _state = state;
    }

    /// <summary>Where the reader is between records: what a reader that goes on from here must know.</summary>
    internal readonly record struct State(SchemaPhase Phase, int TypeLinesLeft, Loss? Loss)
    {
        public static State AtStart => new(SchemaPhase.Start, 0, null);

        public static State InText => new(SchemaPhase.Closed, 0, null);
    }

    /// <summary>Where the reader is in the schema block at the stream's start.</summary>
    internal enum SchemaPhase
    {
        /// <summary>Nothing read yet: a header may come.</summary>
        Start,
        /// <summary>After a header that declares the types: its type lines come.</summary>
        Declaring,
        /// <summary>After a header that matches the schema given: its type lines are checked against it, not announced.</summary>
        Confirming,
        /// <summary>After a header that was not accepted: its type lines are passed over.</summary>
        Rejecting,
        /// <summary>Past the schema block.</summary>
        Closed,
    }

    /// <summary>A run of damaged bytes being passed over.</summary>
    /// <param name="Start">The stream offset of its first byte.</param>
    /// <param name="Reason">Why its first record is damaged.</param>
    /// <param name="TextFrom">The stream offset from which a line start ends it (the damaged frame's extent).</param>
    internal sealed record Loss(long Start, string Reason, long TextFrom);

    /// <summary>The state between records; only meaningful when <see cref="HasCarry"/> is false.</summary>
    internal State Current => _state;

    /// <summary>True while the reader passes over damaged bytes.</summary>
    internal bool InLoss => _state.Loss is not null;

    /// <summary>True while the reader holds the start of a record cut by the end of the last chunk.</summary>
    internal bool HasCarry => _carryLength > 0;

    /// <summary>Bytes the general path has scanned: linear in the input however it is chunked (the tight loop only moves on).</summary>
    internal long ScannedBytes { get; private set; }

    /// <summary>
    /// False only to measure what verifying the frame checks costs (the decoder benchmark): a frame is then whole
    /// whatever its check holds, so damage inside it can pass for a value.
    /// </summary>
    internal bool VerifiesChecks { get; init; } = true;

    /// <summary>The schema: the one given, or the one the stream's start declared.</summary>
    public WireSchema? Schema { get; private set; }

    /// <summary>Bytes handed to <see cref="Write{TVisitor}"/> so far.</summary>
    public long BytesWritten { get; private set; }

    /// <summary>
    /// The schema a stream's first bytes declare (its header and type lines), or null when they declare none: for
    /// per-CPU bulk files, whose other files are then read with it.
    /// </summary>
    public static WireSchema? SchemaAtStart(ReadOnlySpan<byte> streamStart, int maxRecordBytes = DefaultMaxRecordBytes)
    {
        var reader = new WireReader(null, maxRecordBytes);
        var ignore = new IgnoringWireVisitor();
        reader.Write(streamStart, ref ignore);
        return reader.Schema;
    }

    /// <summary>Feeds the next bytes of the stream; every record they complete goes to <paramref name="visitor"/>.</summary>
    public void Write<TVisitor>(ReadOnlySpan<byte> chunk, ref TVisitor visitor) where TVisitor : IWireVisitor
    {
        BytesWritten += chunk.Length;
        // Finish the record cut by the last boundary: bytes go into the carry only as far as a decision needs them.
        while (_carryLength > 0 && !chunk.IsEmpty)
        {
            var take = CarryTake(chunk);
            AppendCarry(chunk[..take]);
            chunk = chunk[take..];
            if (_carryLength >= _carryNeed)
            {
                DropCarry(Parse(_carry.AsSpan(0, _carryLength), final: false, _carryScanned, ref visitor));
            }
        }
        if (chunk.IsEmpty)
        {
            return;
        }

        var used = Parse(chunk, final: false, scanned: 0, ref visitor);
        AppendCarry(chunk[used..]);
    }

    /// <summary>Ends the stream: a last line without '\n' is delivered, a frame cut short is an error.</summary>
    public void Complete<TVisitor>(ref TVisitor visitor) where TVisitor : IWireVisitor
    {
        if (_carryLength > 0)
        {
            DropCarry(Parse(_carry.AsSpan(0, _carryLength), final: true, _carryScanned, ref visitor));
        }

        _carryLength = 0;
        if (_state.Loss is { } loss)
        {
            EndLoss(loss, _offset, ref visitor);
        }

        if (_state.Phase != SchemaPhase.Closed)
        {
            CloseSchema(ref visitor);
        }
    }

    /// <summary>Reads <paramref name="stream"/> to its end through this reader, then completes it.</summary>
    public void ReadToEnd<TVisitor>(Stream stream, ref TVisitor visitor, int bufferSize = DefaultReadBufferBytes) where TVisitor : IWireVisitor
    {
        var buffer = new byte[bufferSize];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            Write(buffer.AsSpan(0, read), ref visitor);
        }

        Complete(ref visitor);
    }

    /// <summary>How many bytes of <paramref name="chunk"/> the carry needs next: up to its need, or up to a byte that may end its text line.</summary>
    private int CarryTake(ReadOnlySpan<byte> chunk)
    {
        if (_carryNeed > _carryLength)
        {
            return Math.Min(chunk.Length, _carryNeed - _carryLength);
        }

        var stop = chunk.IndexOfAny(_state.Loss is null ? TextStops : LossStops);
        ScannedBytes += stop < 0 ? chunk.Length : stop + 1;
        return stop < 0 ? chunk.Length : stop + 1;
    }

    /// <summary>
    /// Hands out the records of <paramref name="data"/>; returns how many bytes they took (the rest is an unfinished
    /// record). <paramref name="scanned"/>: bytes of the first record an earlier call scanned as an unfinished text line.
    /// </summary>
    private int Parse<TVisitor>(ReadOnlySpan<byte> data, bool final, int scanned, ref TVisitor visitor) where TVisitor : IWireVisitor
    {
        var position = 0;
        _carryNeed = 0;
        _carryScanned = 0;
        while (position < data.Length)
        {
            if (_state.Loss is { } loss)
            {
                var resume = Resume(data, position, loss, final, out var need);
                if (resume < 0)
                {
                    // Undecided: keep the bytes from where a frame may start.
                    position = ~resume;
                    _carryNeed = need;
                    break;
                }
                EndLoss(loss, _offset + resume, ref visitor);
                position = resume;
                continue;
            }
            if (_state.Phase != SchemaPhase.Closed)
            {
                var next = ReadSchemaBlock(data, position, final, scanned, ref visitor, out var need);
                if (next < 0)
                {
                    _carryNeed = need;
                    _carryScanned = need == 0 ? data.Length - position : 0;
                    break;
                }
                scanned = 0;
                position = next;
                continue;
            }
            // (A text line already scanned in part is not scanned from its start again.)
            if (Schema is { } schema && scanned == 0)
            {
                position = ReadRun(data, position, schema.Layouts, ref visitor);
                if (position == data.Length)
                {
                    break;
                }
            }

            var rest = data[position..];
            var start = FrameStart(rest);
            if (start == Maybe.Yes)
            {
                var status = Frame(rest, out var length, out var reason, out var extent);
                if (status == Status.Whole)
                {
                    Deliver(rest[..length], ref visitor);
                    position += length;
                    continue;
                }
                if (status == Status.Incomplete)
                {
                    if (!final && length <= _maxRecordBytes)
                    {
                        _carryNeed = length;
                        break;
                    }
                    reason = final ? "the input ends inside this frame" : $"a frame longer than {_maxRecordBytes} bytes";
                    extent = rest.Length;
                }
                StartLoss(position, reason!, extent);
                position++;
                continue;
            }
            if (start == Maybe.Unknown && !final)
            {
                _carryNeed = FrameStartBytes;
                break;
            }

            // A text line: up to its '\n', or up to a frame that starts inside it (after text printed without a line end).
            var end = TextEnd(rest, scanned, final, out var stop, out var textNeed);
            scanned = 0;
            switch (stop)
            {
                case TextStop.LineEnd:
                    visitor.OnText(rest[..end]);
                    position += end + 1;
                    break;
                case TextStop.Frame or TextStop.Piece:
                    visitor.OnText(rest[..end]);
                    position += end;
                    break;
                case TextStop.Nul:
                    StartLoss(position, "a text line holds a zero byte, which no text can hold", 1);
                    position++;
                    break;
                default:
                    _carryScanned = end;
                    _carryNeed = textNeed;
                    goto Done;
            }
        }
    Done:
        _offset += position;
        return position;
    }

    private enum Maybe { No, Yes, Unknown }

    private enum Status { Whole, Incomplete, Damaged }

    private enum TextStop { LineEnd, Frame, Piece, Nul, More }

    /// <summary>The bytes that tell a frame's start: <c>\x1eB</c>, the type id, a zero byte.</summary>
    private const int FrameStartBytes = 4;

    /// <summary>Whether <paramref name="rest"/> starts a frame. Unknown when it is too short to tell.</summary>
    private static Maybe FrameStart(ReadOnlySpan<byte> rest)
    {
        if (rest.Length >= FrameStartBytes)
        {
            return rest[0] == WireFormat.FrameMark && rest[1] == WireFormat.FrameKind && rest[3] == 0 ? Maybe.Yes : Maybe.No;
        }

        return rest[0] == WireFormat.FrameMark && (rest.Length < 2 || rest[1] == WireFormat.FrameKind) ? Maybe.Unknown : Maybe.No;
    }

    /// <summary>The shortest frame: a header, the check and '\n'. A frame whose layout is unknown reaches at least this far.</summary>
    private const int MinFrameBytes = WireFormat.HeaderBytes + WireFormat.CheckBytes + 1;

    /// <summary>
    /// Reads the frame that starts <paramref name="rest"/> (its start already seen). Whole: <paramref name="length"/> is
    /// its length. Incomplete: <paramref name="length"/> is how many bytes a decision needs. Damaged: why, and
    /// <paramref name="extent"/>, how far its layout says it reaches (the shortest frame when its layout is unknown).
    /// </summary>
    private Status Frame(ReadOnlySpan<byte> rest, out int length, out string? reason, out int extent)
    {
        reason = null;
        extent = MinFrameBytes;
        length = WireFormat.HeaderBytes;
        if (rest.Length < WireFormat.HeaderBytes)
        {
            return Status.Incomplete;
        }

        int id = rest[2];
        if (Schema?[id] is not { } type)
        {
            reason = UndeclaredType(Schema, id);
            return Status.Damaged;
        }

        long position = 0;
        var gaps = type.StringGaps;
        for (var k = 0; k < gaps.Length; k++)
        {
            position += gaps[k];
            if (rest.Length - position < WireFormat.StringLengthBytes)
            {
                length = (int)position + WireFormat.StringLengthBytes;
                return Status.Incomplete;
            }
            var byteLength = BinaryPrimitives.ReadUInt32LittleEndian(rest[(int)position..]);
            position += WireFormat.StringLengthBytes + (long)byteLength;
            if (byteLength > (uint)_maxRecordBytes || position > _maxRecordBytes)
            {
                reason = StringTooLong(type, type.StringFields[k], byteLength);
                return Status.Damaged;
            }
        }
        position += type.TailBytes;
        length = (int)position + 1;
        if (position >= rest.Length)
        {
            return Status.Incomplete;
        }

        extent = length;
        if (rest[(int)position] != (byte)'\n')
        {
            reason = NoFrameEnd(type);
            return Status.Damaged;
        }
        if (VerifiesChecks && !CheckMatches(ref MemoryMarshal.GetReference(rest), type, (int)position))
        {
            reason = CheckFailed(type);
            return Status.Damaged;
        }
        return Status.Whole;
    }

    /// <summary>Hands a whole frame to the visitor.</summary>
    private void Deliver<TVisitor>(ReadOnlySpan<byte> frame, ref TVisitor visitor) where TVisitor : IWireVisitor
    {
        var type = Schema![frame[2]]!;
        visitor.OnEvent(type, BinaryPrimitives.ReadInt64LittleEndian(frame[4..]), BinaryPrimitives.ReadUInt16LittleEndian(frame[12..]),
            frame[WireFormat.HeaderBytes..^(WireFormat.CheckBytes + 1)]);
    }

    /// <summary>
    /// Where the text line that starts <paramref name="rest"/> ends (scanning from <paramref name="scanned"/>, which an
    /// earlier call already passed over): at its '\n' (<see cref="TextStop.LineEnd"/>), where a frame starts inside it
    /// (<see cref="TextStop.Frame"/>), at a zero byte (<see cref="TextStop.Nul"/>: damage), at the record bound
    /// (<see cref="TextStop.Piece"/>), or nowhere yet (<see cref="TextStop.More"/>: wait; the result is how far it was
    /// scanned, and <paramref name="need"/> how many bytes a frame mark at its end needs to be told, else 0).
    /// </summary>
    private int TextEnd(ReadOnlySpan<byte> rest, int scanned, bool final, out TextStop stop, out int need)
    {
        need = 0;
        var from = scanned;
        while (true)
        {
            var found = rest[from..].IndexOfAny(TextStops);
            ScannedBytes += found < 0 ? rest.Length - from : found + 1;
            if (found < 0)
            {
                break;
            }

            var at = from + found;
            if (rest[at] == (byte)'\n')
            {
                stop = TextStop.LineEnd;
                return at;
            }
            if (rest[at] == 0)
            {
                stop = TextStop.Nul;
                return at;
            }
            // A frame mark: a frame starts here (whole or damaged, it is no text), or it is a text byte.
            var start = FrameStart(rest[at..]);
            if (start == Maybe.Yes)
            {
                stop = TextStop.Frame;
                return at;
            }
            if (start == Maybe.Unknown && !final)
            {
                stop = TextStop.More;
                need = at + FrameStartBytes;
                return at;
            }
            from = at + 1;
        }
        if (rest.Length > _maxRecordBytes)
        {
            stop = TextStop.Piece;
            return _maxRecordBytes;
        }
        stop = final ? TextStop.Piece : TextStop.More;
        return rest.Length;
    }

    /// <summary>Begins passing over damaged bytes at <paramref name="position"/>; <paramref name="extent"/> is how far the damaged record reaches.</summary>
    private void StartLoss(int position, string reason, long extent) =>
        _state = _state with { Loss = new Loss(_offset + position, reason, _offset + position + extent) };

    private void EndLoss<TVisitor>(Loss loss, long end, ref TVisitor visitor) where TVisitor : IWireVisitor
    {
        _state = _state with { Loss = null };
        visitor.OnError(new WireError(loss.Reason, loss.Start, end - loss.Start));
    }

    /// <summary>
    /// Where records resume after damaged bytes, searching from <paramref name="from"/>: the earliest whole frame, or a
    /// line start at or past the damaged record's extent. The complement (<c>~</c>) of where to wait from when a
    /// frame that may be whole needs more bytes (<paramref name="need"/> from there), or of the data's end.
    /// </summary>
    private int Resume(ReadOnlySpan<byte> data, int from, Loss loss, bool final, out int need)
    {
        need = 0;
        var position = from;
        while (position < data.Length)
        {
            var found = data[position..].IndexOfAny(LossStops);
            ScannedBytes += found < 0 ? data.Length - position : found + 1;
            if (found < 0)
            {
                break;
            }

            var at = position + found;
            if (data[at] == (byte)'\n')
            {
                if (_offset + at + 1 >= loss.TextFrom)
                {
                    return at + 1;
                }

                position = at + 1;
                continue;
            }
            var rest = data[at..];
            var start = FrameStart(rest);
            if (start == Maybe.Unknown && !final)
            {
                need = FrameStartBytes;
                return ~at;
            }
            if (start == Maybe.Yes)
            {
                var status = Frame(rest, out var length, out _, out _);
                if (status == Status.Whole)
                {
                    return at;
                }

                if (status == Status.Incomplete && !final && length <= _maxRecordBytes)
                {
                    need = length;
                    return ~at;
                }
            }
            position = at + 1;
        }
        if (final)
        {
            return data.Length;
        }

        return ~data.Length;
    }

    /// <summary>
    /// Reads the schema block at the stream's start: a header (<c>\x1eS</c> line) and its type lines. Returns where the
    /// next record starts, or -1 when more bytes are needed (<paramref name="need"/> in all from <paramref name="position"/>).
    /// </summary>
    /// <remarks><paramref name="scanned"/>: bytes of the line an earlier call already searched for its end.</remarks>
    private int ReadSchemaBlock<TVisitor>(ReadOnlySpan<byte> data, int position, bool final, int scanned, ref TVisitor visitor, out int need)
        where TVisitor : IWireVisitor
    {
        need = 0;
        var rest = data[position..];
        var mark = _state.Phase == SchemaPhase.Start ? WireFormat.HeaderKind : WireFormat.TypeKind;
        if (rest.Length < 2 && !final)
        {
            need = 2;
            return -1;
        }
        if (rest.Length < 2 || rest[0] != WireFormat.FrameMark || rest[1] != mark || (_state.Phase != SchemaPhase.Start && _state.TypeLinesLeft == 0))
        {
            CloseSchema(ref visitor);
            return position;
        }
        var bound = _state.Phase == SchemaPhase.Start ? MaxHeaderBytes : _maxRecordBytes;
        var from = Math.Min(scanned, Math.Min(rest.Length, bound));
        var newline = rest[from..Math.Min(rest.Length, bound)].IndexOf((byte)'\n');
        ScannedBytes += newline < 0 ? Math.Min(rest.Length, bound) - from : newline + 1;
        if (newline >= 0)
        {
            newline += from;
        }

        if (newline < 0 && rest.Length < bound && !final)
        {
            return -1;
        }

        var line = newline < 0 ? rest[..Math.Min(rest.Length, bound)] : rest[..newline];
        var length = newline < 0 ? line.Length : newline + 1;
        var reason = _state.Phase == SchemaPhase.Start ? ReadHeader(line[2..], ref visitor) : ReadTypeLine(line[2..], ref visitor);
        if (reason is not null)
        {
            visitor.OnError(new WireError(reason, _offset + position, length));
            if (_state.Phase == SchemaPhase.Start)
            {
                _state = new State(SchemaPhase.Rejecting, WireFormat.MaxTypeId + 1, null);
            }
        }
        if (_state.Phase != SchemaPhase.Start && mark == WireFormat.TypeKind)
        {
            _state = _state with { TypeLinesLeft = _state.TypeLinesLeft - 1 };
        }

        return position + length;
    }

    /// <summary>Ends the schema lines: the types the stream declared are all there are.</summary>
    private void CloseSchema<TVisitor>(ref TVisitor visitor) where TVisitor : IWireVisitor
    {
        var declared = _state.Phase == SchemaPhase.Declaring;
        _state = State.InText;
        if (declared)
        {
            visitor.OnSchemaEnd(Schema!);
        }
    }

    private string? ReadHeader<TVisitor>(ReadOnlySpan<byte> bytes, ref TVisitor visitor) where TVisitor : IWireVisitor
    {
        var parts = Encoding.Latin1.GetString(bytes).Split(' ');
        if (parts.Length < 3)
        {
            return "a schema header needs a version, a script hash and a type count";
        }

        if (parts[0] != WireFormat.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            return $"wire format version {parts[0]} is not supported (this runtime reads version {WireFormat.Version}): use the StapSharp that built the module";
        }

        if (parts.Length != 4 || parts[3].Length != 2)
        {
            return "a schema header needs a script hash, a type count and a byte-order mark";
        }

        if (parts[3] == WireFormat.BigEndianMark)
        {
            return "the module writes big-endian numbers: this runtime reads the frames of little-endian targets only";
        }

        if (parts[3] != WireFormat.LittleEndianMark)
        {
            return "the schema header's byte-order mark is neither 01 00 nor 00 01";
        }

        if (!IsHash(parts[1]))
        {
            return "the schema header's script hash is not 16 hex digits";
        }

        if (!int.TryParse(parts[2], System.Globalization.NumberStyles.None, null, out var count) || count > WireFormat.MaxTypeId + 1)
        {
            return $"the schema header's type count is not a number up to {WireFormat.MaxTypeId + 1}";
        }

        if (_given is null)
        {
            Schema = new WireSchema(parts[1], count);
            _state = new State(SchemaPhase.Declaring, count, null);
            visitor.OnSchemaHeader(Schema);
            return null;
        }
        // The schema was given (another stream's): this one's own header may only confirm it.
        if (parts[1] != _given.ScriptHash || count != _given.TypeCount)
        {
            return $"the stream declares another schema ({parts[1]}) than the one it is read with ({_given.ScriptHash})";
        }

        _state = new State(SchemaPhase.Confirming, count, null);
        return null;
    }

    private string? ReadTypeLine<TVisitor>(ReadOnlySpan<byte> bytes, ref TVisitor visitor) where TVisitor : IWireVisitor
    {
        if (_state.Phase == SchemaPhase.Rejecting)
        {
            return "a type line of a schema header that was not accepted";
        }

        var parts = Encoding.UTF8.GetString(bytes).Split(' ');
        if (parts.Length < 4)
        {
            return "a type line needs an id, a name, a hash and a field count";
        }

        var schema = Schema!;
        if (!int.TryParse(parts[0], System.Globalization.NumberStyles.None, null, out var id) || id >= schema.TypeCount)
        {
            return $"type id {parts[0]} is not below the header's type count {schema.TypeCount}";
        }

        if (!IsHash(parts[2]))
        {
            return $"{parts[1]}: the type hash is not 16 hex digits";
        }

        if (!int.TryParse(parts[3], System.Globalization.NumberStyles.None, null, out var count) || parts.Length != 4 + count)
        {
            return $"{parts[1]}: the field count does not match the fields";
        }

        var fields = new WireField[count];
        for (var i = 0; i < count; i++)
        {
            var field = parts[4 + i];
            var colon = field.IndexOf(':');
            if (colon <= 0 || !WireFieldCodes.TryParse(field[(colon + 1)..], out var kind))
            {
                return $"{parts[1]}: field '{field}' has no known field code";
            }

            fields[i] = new WireField(field[..colon], kind, field[(colon + 1)..]);
        }
        // The line's hash covers its name and fields: a line damaged anywhere else fails it.
        if (WireHash.OfType(parts[1], fields.Select(f => (f.Name, f.Code))) != parts[2])
        {
            return $"type id {id}: the type line does not match its own hash (damaged)";
        }

        if (_state.Phase == SchemaPhase.Confirming)
        {
            return schema[id]?.Hash == parts[2] ? null : $"type id {id}: the stream declares another type than the schema it is read with";
        }

        if (schema[id] is not null)
        {
            return $"type id {id} is declared twice";
        }

        var type = new WireType(id, parts[1], parts[2], fields);
        schema.Declare(type);
        visitor.OnTypeDeclared(type);
        return null;
    }

    private static bool IsHash(string text) => text.Length == 16 && text.All(char.IsAsciiHexDigitLower);

    /// <summary>
    /// Delivers the whole frames that follow one another from <paramref name="position"/> (the bulk of a module's
    /// output), and the text lines between them that hold no frame mark and no zero byte, in one tight loop; returns
    /// where the first other record starts: one cut by the chunk's end, a damaged one or other text, which the general
    /// path then reads or reports.
    /// </summary>
    private int ReadRun<TVisitor>(ReadOnlySpan<byte> data, int position, FrameLayout[] layouts, ref TVisitor visitor)
        where TVisitor : IWireVisitor
    {
        ref var start = ref MemoryMarshal.GetReference(data);
        var verifiesChecks = VerifiesChecks;
        while (data.Length - position >= WireFormat.HeaderBytes)
        {
            ref var frame = ref Unsafe.Add(ref start, position);
            var head = Load32(ref frame, 0);
            if ((head & FrameStartMask) != FrameStartBits)
            {
                // Plain text between frames: a line that holds no frame mark and no zero byte is text whole.
                if (frame == WireFormat.FrameMark)
                {
                    break;
                }

                var line = data[position..];
                var lineEnd = line.IndexOfAny(TextStops);
                ScannedBytes += lineEnd < 0 ? line.Length : lineEnd + 1;
                if (lineEnd < 0 || line[lineEnd] != (byte)'\n')
                {
                    break;
                }

                visitor.OnText(line[..lineEnd]);
                position += lineEnd + 1;
                continue;
            }
            var id = (int)(head >> 16) & 0xFF;
            if ((uint)id >= (uint)layouts.Length)
            {
                break;
            }

            ref readonly var layout = ref layouts[id];
            var available = data.Length - position;
            int end;
            if (layout.StringCount == 0)
            {
                end = layout.TailBytes;
            }
            else
            {
                end = layout.StringCount == 1 ? StringEnd(ref frame, layout.FirstStringOffset, available) : StringsEnd(ref frame, layout.Type!, available);
                if (end < 0)
                {
                    break;
                }

                end += layout.TailBytes;
            }
            if (end >= available || Unsafe.Add(ref frame, end) != (byte)'\n' || layout.Type is not { } type ||
                (verifiesChecks && !CheckMatches(ref frame, in layout, end)))
            {
                break;
            }

            visitor.OnEvent(type, (long)Load64(ref frame, 4), Load16(ref frame, 12),
                data.Slice(position + WireFormat.HeaderBytes, end - WireFormat.CheckBytes - WireFormat.HeaderBytes));
            position += end + 1;
        }
        return position;
    }

    /// <summary>Where the string whose length is at <paramref name="offset"/> ends; -1 when it is cut by the chunk's end or too long.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int StringEnd(ref byte frame, int offset, int available)
    {
        if (available - offset < WireFormat.StringLengthBytes)
        {
            return -1;
        }

        var byteLength = Load32(ref frame, offset);
        return byteLength > (uint)_maxRecordBytes ? -1 : offset + WireFormat.StringLengthBytes + (int)byteLength;
    }

    /// <summary>Where the last of several strings ends, as <see cref="StringEnd"/>.</summary>
    private int StringsEnd(ref byte frame, WireType type, int available)
    {
        var end = 0;
        foreach (var gap in type.StringGaps)
        {
            end = StringEnd(ref frame, end + gap, available);
            if (end < 0)
            {
                return -1;
            }
        }
        return end;
    }

    /// <summary>
    /// Whether the check before the '\n' at <paramref name="end"/> matches the frame's values (<see cref="WireFormat.FrameCheck"/>).
    /// The values are loaded in place: integers where the layout puts them, a string's length before its bytes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool CheckMatches(ref byte frame, in FrameLayout layout, int end)
    {
        if (layout.StringCount > 1)
        {
            return CheckMatches(ref frame, layout.Type!, end);
        }

        const ulong Step = WireFormat.CheckStep;
        var h = HeaderCheck(ref frame, out var k);
        var position = WireFormat.HeaderBytes;
        for (var i = 0; i < layout.LeadIntegers; i++, position += WireFormat.IntegerBytes, k += Step)
        {
            h += Load64(ref frame, position) * k;
        }

        if (layout.StringCount == 1)
        {
            var length = Load32(ref frame, position);
            h += length * k;
            k += Step;
            position = end - WireFormat.CheckBytes - layout.TrailIntegers * WireFormat.IntegerBytes;
            for (var i = 0; i < layout.TrailIntegers; i++, position += WireFormat.IntegerBytes, k += Step)
            {
                h += Load64(ref frame, position) * k;
            }
        }
        return WireFormat.Fold(h) == Load32(ref frame, end - WireFormat.CheckBytes);
    }

    /// <summary>The check's sum over the header's type, time and cpu; <paramref name="k"/> is the multiplier of the first value after them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong HeaderCheck(ref byte frame, out ulong k)
    {
        k = WireFormat.CheckMultiplier;
        var h = Unsafe.Add(ref frame, 2) * k;
        k += WireFormat.CheckStep;
        h += Load64(ref frame, 4) * k;
        k += WireFormat.CheckStep;
        h += Load16(ref frame, 12) * k;
        k += WireFormat.CheckStep;
        return h;
    }

    /// <summary>The check of a type with several strings: its fields walked in order.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool CheckMatches(ref byte frame, WireType type, int end)
    {
        const ulong Step = WireFormat.CheckStep;
        var h = HeaderCheck(ref frame, out var k);
        var position = WireFormat.HeaderBytes;
        foreach (var kind in type.Kinds)
        {
            if (kind == WireFieldKind.String)
            {
                var length = Load32(ref frame, position);
                h += length * k;
                position += WireFormat.StringLengthBytes + (int)length;
            }
            else
            {
                h += Load64(ref frame, position) * k;
                position += WireFormat.IntegerBytes;
            }
            k += Step;
        }
        return WireFormat.Fold(h) == Load32(ref frame, end - WireFormat.CheckBytes);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ushort Load16(ref byte frame, int offset) =>
        BinaryPrimitives.ReadUInt16LittleEndian(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref frame, offset), 2));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Load32(ref byte frame, int offset) =>
        BinaryPrimitives.ReadUInt32LittleEndian(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref frame, offset), 4));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Load64(ref byte frame, int offset) =>
        BinaryPrimitives.ReadUInt64LittleEndian(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref frame, offset), 8));

    /// <summary>A frame's first four bytes read as one little-endian uint: <c>\x1eB</c>, any id byte, zero.</summary>
    private const uint FrameStartMask = 0xFF00FFFF;

    private const uint FrameStartBits = WireFormat.FrameMark | (WireFormat.FrameKind << 8);

    // Reasons are built out of line: string building in the frame parser would widen its stack frame, which
    // every frame then pays to clear.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string UndeclaredType(WireSchema? schema, long id) =>
        schema is null ? "an event before the schema header (or in a stream without one)"
        : id < schema.TypeCount ? $"an event of type id {id}, whose type line was damaged or missing: its events cannot be read"
        : $"an event of undeclared type id {id}";

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string NoFrameEnd(WireType type) => $"{type.FullName}: no line end after its {type.Fields.Count} fields and check";

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string CheckFailed(WireType type) => $"{type.FullName}: the frame's check does not match its values (damaged)";

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string StringTooLong(WireType type, int field, long byteLength) => $"{type.FullName}: field {field} claims {byteLength} bytes";

    private void AppendCarry(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return;
        }

        if (_carryLength + bytes.Length > _carry.Length)
        {
            Array.Resize(ref _carry, Math.Max(_carry.Length * 2, _carryLength + bytes.Length));
        }

        bytes.CopyTo(_carry.AsSpan(_carryLength));
        _carryLength += bytes.Length;
    }

    private void DropCarry(int count)
    {
        if (count == 0)
        {
            return;
        }

        _carry.AsSpan(count, _carryLength - count).CopyTo(_carry);
        _carryLength -= count;
    }
}
