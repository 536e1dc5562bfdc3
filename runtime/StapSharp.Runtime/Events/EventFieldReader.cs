using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StapSharp.Runtime.Events;

/// <summary>
/// Reads the fields of one event frame (the bytes after its header, up to but not including the final
/// <c>\n</c>), in order, in either encoding: text (<c>E</c> frames, each field after a space, in decimal) or
/// binary (<c>B</c> frames, 8 little-endian bytes per integer). A malformed field throws
/// <see cref="EventFormatException"/>; the caller counts it and goes on with the next frame.
/// </summary>
public ref struct EventFieldReader
{
    private readonly ReadOnlySpan<byte> _frame;
    private readonly int _maxStringLength;
    // Bit i is set when byte i is a space, for frames of 16 to 64 bytes (0 otherwise). With it each integer's
    // end is known before its digits are read, so the fields of a frame parse independently of each other.
    private readonly ulong _spaces;
    private readonly bool _binary;
    private int _position;
    private int _fieldIndex;

    /// <summary>Reads text fields (an <c>E</c> frame's).</summary>
    /// <param name="fields">The field bytes, each field preceded by one space.</param>
    /// <param name="maxStringLength">stap's MAXSTRINGLEN for the module: a string of MAXSTRINGLEN - 1 bytes may have been cut.</param>
    public EventFieldReader(ReadOnlySpan<byte> fields, int maxStringLength = 512)
        : this(fields, WireEncoding.Text, maxStringLength)
    {
    }

    /// <summary>Reads the fields of a frame of <paramref name="type"/>, in the encoding its module writes.</summary>
    /// <param name="type">The frame's type, as <see cref="IWireVisitor.OnEvent"/> hands it out.</param>
    /// <param name="fields">The field bytes, as <see cref="IWireVisitor.OnEvent"/> hands them out.</param>
    /// <param name="maxStringLength">stap's MAXSTRINGLEN for the module: a string of MAXSTRINGLEN - 1 bytes may have been cut.</param>
    public EventFieldReader(WireType type, ReadOnlySpan<byte> fields, int maxStringLength = 512)
        : this(fields, type.Encoding, maxStringLength)
    {
    }

    /// <param name="fields">The field bytes: in text, each field preceded by one space; in binary, the fields back to back.</param>
    /// <param name="encoding">How the fields are written.</param>
    /// <param name="maxStringLength">stap's MAXSTRINGLEN for the module: a string of MAXSTRINGLEN - 1 bytes may have been cut.</param>
    public EventFieldReader(ReadOnlySpan<byte> fields, WireEncoding encoding, int maxStringLength = 512)
    {
        _frame = fields;
        _maxStringLength = maxStringLength;
        _binary = encoding == WireEncoding.Binary;
        _spaces = _binary ? 0 : Spaces(fields);
    }

    /// <summary>The spaces of a 16- to 64-byte frame as a bit mask, from two overlapping vector compares.</summary>
    /// <remarks>Out of line: it is only for text frames, and every decoder inlines the constructor.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ulong Spaces(ReadOnlySpan<byte> frame)
    {
        ref var start = ref MemoryMarshal.GetReference(frame);
        var length = frame.Length;
        if (length is >= 32 and <= 64 && Vector256.IsHardwareAccelerated)
        {
            var space = Vector256.Create((byte)' ');
            ulong low = Vector256.Equals(Vector256.LoadUnsafe(ref start), space).ExtractMostSignificantBits();
            ulong high = Vector256.Equals(Vector256.LoadUnsafe(ref start, (nuint)(length - 32)), space).ExtractMostSignificantBits();
            return low | (high << (length - 32));
        }
        if (length is >= 16 and < 32 && Vector128.IsHardwareAccelerated)
        {
            var space = Vector128.Create((byte)' ');
            ulong low = Vector128.Equals(Vector128.LoadUnsafe(ref start), space).ExtractMostSignificantBits();
            ulong high = Vector128.Equals(Vector128.LoadUnsafe(ref start, (nuint)(length - 16)), space).ExtractMostSignificantBits();
            return low | (high << (length - 16));
        }
        return 0;
    }

    /// <summary>Bit i is set when string field i may have been cut at MAXSTRINGLEN (fields past 63 share bit 63).</summary>
    public ulong TruncatedFields { get; private set; }

    /// <summary>How many fields were read so far.</summary>
    public readonly int FieldsRead => _fieldIndex;

    /// <summary>True once every field has been read.</summary>
    public readonly bool AtEnd => _position == _frame.Length;

    /// <summary>The next field as a long (<c>i64</c>; also the base of the other integer codes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long ReadInt64()
    {
        var start = _position;
        long value;
        if (_binary && _frame.Length - start >= WireFormat.BinaryIntegerBytes)
        {
            _position = start + WireFormat.BinaryIntegerBytes;
            value = BinaryPrimitives.ReadInt64LittleEndian(_frame[start..]);
        }
        else
        {
            if (_binary)
                ThrowMissing(_fieldIndex);
            // Into a local: a field passed by reference would keep the reader out of registers too.
            value = ParseTextInt64(_frame, _spaces, start, _fieldIndex, out var end);
            _position = end;
        }
        _fieldIndex++;
        return value;
    }

    /// <summary>A text integer field that starts at <paramref name="start"/> (its space); <paramref name="end"/> is where it ends.</summary>
    /// <remarks>
    /// Static and out of line: only the binary read is inlined into decoders (four fields of text parsing made every
    /// generated decoder large), and a call that took the reader's address would keep its fields out of registers.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long ParseTextInt64(ReadOnlySpan<byte> frame, ulong spaces, int start, int field, out int end)
    {
        if ((uint)start >= (uint)frame.Length || frame[start] != (byte)' ')
            ThrowMissing(field);
        if (spaces != 0)
        {
            // The field runs to the next space or the frame's end.
            var after = (spaces >> start) >> 1;
            end = after == 0 ? frame.Length : start + 1 + BitOperations.TrailingZeroCount(after);
            if (WireNumbers.TryParseInt64Known(frame, start + 1, end, out var known))
                return known;
        }
        end = WireNumbers.ParseInt64(frame, start + 1, out var value);
        if ((uint)end < (uint)frame.Length ? frame[end] != (byte)' ' : end < 0)
            ThrowBadInteger(frame, end < 0 ? ~end : end, field);
        return value;
    }

    /// <summary>The next field as an int (<c>i32</c>); a value outside int's range is a format error.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadInt32()
    {
        var value = ReadInt64();
        if (value != (int)value)
            ThrowOutOfRange(value, "does not fit an int", _fieldIndex - 1);
        return (int)value;
    }

    /// <summary>The next field as a ulong (<c>u64</c>): stap prints values above 2^63 as negative numbers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong ReadUInt64() => unchecked((ulong)ReadInt64());

    /// <summary>The next field as a bool (<c>bool</c>: 0 or 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ReadBoolean()
    {
        var value = ReadInt64();
        if ((ulong)value > 1)
            ThrowOutOfRange(value, "is not a bool (0 or 1)", _fieldIndex - 1);
        return value != 0;
    }

    /// <summary>The next field as an <see cref="Errno"/> (<c>errno</c>), sign kept.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Errno ReadErrno() => new(ReadInt64());

    /// <summary>The next field as <typeparamref name="TEnum"/> (<c>enum:</c>), from its integral value.</summary>
    public TEnum ReadEnum<TEnum>() where TEnum : struct, Enum
    {
        var value = ReadInt64();
        return System.Runtime.CompilerServices.Unsafe.SizeOf<TEnum>() switch
        {
            1 => System.Runtime.CompilerServices.Unsafe.BitCast<byte, TEnum>(unchecked((byte)value)),
            2 => System.Runtime.CompilerServices.Unsafe.BitCast<short, TEnum>(unchecked((short)value)),
            4 => System.Runtime.CompilerServices.Unsafe.BitCast<int, TEnum>(unchecked((int)value)),
            _ => System.Runtime.CompilerServices.Unsafe.BitCast<long, TEnum>(value),
        };
    }

    /// <summary>The raw bytes of a string field (no copy).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> ReadStringBytes()
    {
        long length;
        if (_binary)
        {
            if (_frame.Length - _position < WireFormat.BinaryStringLengthBytes)
                ThrowMissing(_fieldIndex);
            length = BinaryPrimitives.ReadUInt32LittleEndian(_frame[_position..]);
            _position += WireFormat.BinaryStringLengthBytes;
        }
        else
        {
            length = ParseTextStringLength(_frame, _position, _fieldIndex, out var first);
            _position = first;
        }
        if ((ulong)(_frame.Length - _position) < (ulong)length)
            ThrowCutShort(_frame.Length - _position, length, _fieldIndex);
        var bytes = _frame.Slice(_position, (int)length);
        _position += (int)length;
        if (length >= _maxStringLength - 1)
            TruncatedFields |= 1UL << Math.Min(_fieldIndex, 63);
        _fieldIndex++;
        return bytes;
    }

    /// <summary>A text string's <c> &lt;length&gt;:</c> at <paramref name="start"/>; <paramref name="first"/> is its first byte.</summary>
    /// <remarks>Static, for the reason <see cref="ParseTextInt64"/> is.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long ParseTextStringLength(ReadOnlySpan<byte> frame, int start, int field, out int first)
    {
        if (start >= frame.Length || frame[start] != (byte)' ')
            ThrowMissing(field);
        var lengthEnd = WireNumbers.ParseInt64(frame, start + 1, out var length);
        if (lengthEnd < 0 || length < 0)
            ThrowBadString("expected a string length", field);
        if (lengthEnd >= frame.Length || frame[lengthEnd] != (byte)':')
            ThrowBadString("expected ':' after the string length", field);
        first = lengthEnd + 1;
        return length;
    }

    /// <summary>
    /// A string field as UTF-8 text; invalid sequences become U+FFFD (use <see cref="ReadStringBytes"/> for the bytes).
    /// A value of up to 512 bytes seen recently comes back as the same (equal, immutable) string instance.
    /// </summary>
    public string ReadString() => Utf8StringCache.GetString(ReadStringBytes());

    // Throws live out of line so the reads stay small enough to inline into generated decoders.
    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowMissing(int field) =>
        throw new EventFormatException($"field {field}: missing (the frame has fewer fields than its type)");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowBadString(string problem, int field) => throw new EventFormatException($"field {field}: {problem}");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowCutShort(int available, long length, int field) =>
        throw new EventFormatException($"field {field}: the string is cut short ({available} of {length} bytes)");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowOutOfRange(long value, string problem, int field) =>
        throw new EventFormatException($"field {field}: {value} {problem}");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowBadInteger(ReadOnlySpan<byte> frame, int position, int field) =>
        throw new EventFormatException(position < frame.Length && frame[position] != (byte)' ' && position > 0 && frame[position - 1] is >= (byte)'0' and <= (byte)'9'
            ? $"field {field}: an integer followed by '{(char)frame[position]}'"
            : $"field {field}: expected an integer");
}

/// <summary>A frame that does not match its type's layout (counted as a decode error, never a wrong event).</summary>
public sealed class EventFormatException(string message) : Exception(message);
