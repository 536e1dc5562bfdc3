using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace StapSharp.Runtime.Events;

/// <summary>
/// Reads the fields of one event frame (the bytes after its header, up to but not including the final
/// <c>\n</c>), in order: 8 little-endian bytes per integer, a 4-byte length and the bytes per string. A
/// malformed field throws <see cref="EventFormatException"/>; the caller counts it and goes on with the next frame.
/// </summary>
public ref struct EventFieldReader
{
    private readonly ReadOnlySpan<byte> _frame;
    private readonly int _maxStringLength;
    private int _position;
    private int _fieldIndex;

    /// <summary>Reads the fields of one frame.</summary>
    /// <param name="fields">The field bytes, back to back, as <see cref="IWireVisitor.OnEvent"/> hands them out.</param>
    /// <param name="maxStringLength">stap's MAXSTRINGLEN for the module: a string of MAXSTRINGLEN - 1 bytes may have been cut.</param>
    public EventFieldReader(ReadOnlySpan<byte> fields, int maxStringLength = 512)
    {
        _frame = fields;
        _maxStringLength = maxStringLength;
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
        if (_frame.Length - start < WireFormat.IntegerBytes)
        {
            ThrowMissing(_fieldIndex);
        }

        _position = start + WireFormat.IntegerBytes;
        _fieldIndex++;
        return BinaryPrimitives.ReadInt64LittleEndian(_frame[start..]);
    }

    /// <summary>The next field as an int (<c>i32</c>); a value outside int's range is a format error.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadInt32()
    {
        var value = ReadInt64();
        if (value != (int)value)
        {
            ThrowOutOfRange(value, "does not fit an int", _fieldIndex - 1);
        }

        return (int)value;
    }

    /// <summary>The next field as a ulong (<c>u64</c>): the same 64 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong ReadUInt64() => unchecked((ulong)ReadInt64());

    /// <summary>The next field as a bool (<c>bool</c>: 0 or 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ReadBoolean()
    {
        var value = ReadInt64();
        if ((ulong)value > 1)
        {
            ThrowOutOfRange(value, "is not a bool (0 or 1)", _fieldIndex - 1);
        }

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
        if (_frame.Length - _position < WireFormat.StringLengthBytes)
        {
            ThrowMissing(_fieldIndex);
        }

        long length = BinaryPrimitives.ReadUInt32LittleEndian(_frame[_position..]);
        _position += WireFormat.StringLengthBytes;
        if ((ulong)(_frame.Length - _position) < (ulong)length)
        {
            ThrowCutShort(_frame.Length - _position, length, _fieldIndex);
        }

        var bytes = _frame.Slice(_position, (int)length);
        _position += (int)length;
        if (length >= _maxStringLength - 1)
        {
            TruncatedFields |= 1UL << Math.Min(_fieldIndex, 63);
        }

        _fieldIndex++;
        return bytes;
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
    private static void ThrowCutShort(int available, long length, int field) =>
        throw new EventFormatException($"field {field}: the string is cut short ({available} of {length} bytes)");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowOutOfRange(long value, string problem, int field) =>
        throw new EventFormatException($"field {field}: {value} {problem}");
}

/// <summary>A frame that does not match its type's layout (counted as a decode error, never a wrong event).</summary>
public sealed class EventFormatException(string message) : Exception(message);
