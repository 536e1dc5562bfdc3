using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;

namespace StapSharp.Runtime.Events;

/// <summary>
/// Reads the fields of one event frame (the bytes after <c>\x1eE&lt;id&gt; &lt;ts&gt; &lt;cpu&gt;</c>, up to but
/// not including the final <c>\n</c>), in order. A malformed field throws <see cref="EventFormatException"/>;
/// the caller counts it and goes on with the next frame.
/// </summary>
public ref struct EventFieldReader
{
    private readonly ReadOnlySpan<byte> _frame;
    private readonly int _maxStringLength;
    private int _position;
    private int _fieldIndex;

    /// <param name="fields">The field bytes, each field preceded by one space.</param>
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
        ExpectSpace();
        if (!WireNumbers.TryParseInt64(_frame, ref _position, out var value) ||
            (_position < _frame.Length && _frame[_position] != (byte)' '))
            ThrowBadInteger(_frame, _position, _fieldIndex);
        _fieldIndex++;
        return value;
    }

    /// <summary>The next field as an int (<c>i32</c>); a value outside int's range is a format error.</summary>
    public int ReadInt32()
    {
        var value = ReadInt64();
        if (value is < int.MinValue or > int.MaxValue)
            throw new EventFormatException($"field {_fieldIndex - 1}: {value} does not fit an int");
        return (int)value;
    }

    /// <summary>The next field as a ulong (<c>u64</c>): stap prints values above 2^63 as negative numbers.</summary>
    public ulong ReadUInt64() => unchecked((ulong)ReadInt64());

    /// <summary>The next field as a bool (<c>bool</c>: 0 or 1).</summary>
    public bool ReadBoolean() => ReadInt64() switch
    {
        0 => false,
        1 => true,
        var other => throw new EventFormatException($"field {_fieldIndex - 1}: {other} is not a bool (0 or 1)"),
    };

    /// <summary>The next field as an <see cref="Errno"/> (<c>errno</c>), sign kept.</summary>
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
    public ReadOnlySpan<byte> ReadStringBytes()
    {
        ExpectSpace();
        if (!WireNumbers.TryParseInt64(_frame, ref _position, out var length) || length < 0)
            throw new EventFormatException($"field {_fieldIndex}: expected a string length");
        if (_position >= _frame.Length || _frame[_position] != (byte)':')
            throw new EventFormatException($"field {_fieldIndex}: expected ':' after the string length");
        _position++;
        if (_frame.Length - _position < length)
            throw new EventFormatException($"field {_fieldIndex}: the string is cut short ({_frame.Length - _position} of {length} bytes)");
        var bytes = _frame.Slice(_position, (int)length);
        _position += (int)length;
        if (length >= _maxStringLength - 1)
            TruncatedFields |= 1UL << Math.Min(_fieldIndex, 63);
        _fieldIndex++;
        return bytes;
    }

    /// <summary>A string field as UTF-8 text; invalid sequences become U+FFFD (use <see cref="ReadStringBytes"/> for the bytes).</summary>
    public string ReadString() => Encoding.UTF8.GetString(ReadStringBytes());

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
    private static void ThrowBadInteger(ReadOnlySpan<byte> frame, int position, int field) =>
        throw new EventFormatException(position < frame.Length && frame[position] != (byte)' ' && position > 0 && frame[position - 1] is >= (byte)'0' and <= (byte)'9'
            ? $"field {field}: an integer followed by '{(char)frame[position]}'"
            : $"field {field}: expected an integer");
}

/// <summary>A frame that does not match its type's layout (counted as a decode error, never a wrong event).</summary>
public sealed class EventFormatException(string message) : Exception(message);
