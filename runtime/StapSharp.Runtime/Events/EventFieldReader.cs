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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
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
        if (_binary)
        {
            if (_frame.Length - start < WireFormat.BinaryIntegerBytes)
                ThrowMissing(_fieldIndex);
            _position = start + WireFormat.BinaryIntegerBytes;
            _fieldIndex++;
            return BinaryPrimitives.ReadInt64LittleEndian(_frame[start..]);
        }
        if ((uint)start >= (uint)_frame.Length || _frame[start] != (byte)' ')
            ThrowMissing(_fieldIndex);
        if (_spaces != 0)
        {
            // The field runs to the next space or the frame's end.
            var after = (_spaces >> start) >> 1;
            var next = after == 0 ? _frame.Length : start + 1 + BitOperations.TrailingZeroCount(after);
            if (WireNumbers.TryParseInt64Known(_frame, start + 1, next, out var known))
            {
                _position = next;
                _fieldIndex++;
                return known;
            }
        }
        var end = WireNumbers.ParseInt64(_frame, start + 1, out var value);
        if ((uint)end < (uint)_frame.Length ? _frame[end] != (byte)' ' : end < 0)
            ThrowBadInteger(_frame, end < 0 ? ~end : end, _fieldIndex);
        _position = end;
        _fieldIndex++;
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
        var length = _binary ? BinaryStringLength() : TextStringLength();
        if ((ulong)(_frame.Length - _position) < (ulong)length)
            ThrowCutShort(_frame.Length - _position, length, _fieldIndex);
        var bytes = _frame.Slice(_position, (int)length);
        _position += (int)length;
        if (length >= _maxStringLength - 1)
            TruncatedFields |= 1UL << Math.Min(_fieldIndex, 63);
        _fieldIndex++;
        return bytes;
    }

    /// <summary>A binary string's 4-byte length; the position moves to its first byte.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long BinaryStringLength()
    {
        if (_frame.Length - _position < WireFormat.BinaryStringLengthBytes)
            ThrowMissing(_fieldIndex);
        long length = BinaryPrimitives.ReadUInt32LittleEndian(_frame[_position..]);
        _position += WireFormat.BinaryStringLengthBytes;
        return length;
    }

    /// <summary>A text string's <c>&lt;length&gt;:</c>; the position moves to its first byte.</summary>
    private long TextStringLength()
    {
        ExpectSpace();
        var lengthEnd = WireNumbers.ParseInt64(_frame, _position, out var length);
        if (lengthEnd < 0 || length < 0)
            ThrowBadString("expected a string length", _fieldIndex);
        _position = lengthEnd;
        if (_position >= _frame.Length || _frame[_position] != (byte)':')
            ThrowBadString("expected ':' after the string length", _fieldIndex);
        _position++;
        return length;
    }

    /// <summary>
    /// A string field as UTF-8 text; invalid sequences become U+FFFD (use <see cref="ReadStringBytes"/> for the bytes).
    /// A short ASCII value seen recently comes back as the same (equal, immutable) string instance.
    /// </summary>
    public string ReadString() => Utf8StringCache.GetString(ReadStringBytes());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ExpectSpace()
    {
        if (_position >= _frame.Length || _frame[_position] != (byte)' ')
            ThrowMissing(_fieldIndex);
        _position++;
    }

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
