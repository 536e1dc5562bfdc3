using System.Text;
using System.Text.Unicode;

namespace StapSharp.Runtime.Events;

/// <summary>
/// An event decoded from its module's schema alone, without a generated decoder: field name to value,
/// for tools that print any module's events (jsonl, csv). Values by field code: <c>i64</c> long,
/// <c>i32</c> int, <c>u64</c> ulong, <c>bool</c> bool, <c>errno</c> <see cref="Errno"/>, <c>enum:</c> long
/// (the integral value; <see cref="WireField.EnumTypeName"/> names the enum), <c>str</c> string — or,
/// when the bytes are not valid UTF-8, the raw byte[] so nothing is lost.
/// </summary>
public sealed class EventRow
{
    private readonly object?[] _values;

    private EventRow(WireType type, long timestampNs, int cpu, object?[] values, ulong truncatedFields)
    {
        Type = type;
        TimestampNs = timestampNs;
        Cpu = cpu;
        _values = values;
        TruncatedFields = truncatedFields;
    }

    /// <summary>The event's type, as the module declared it.</summary>
    public WireType Type { get; }

    /// <summary>gettimeofday_ns() when the event was emitted.</summary>
    public long TimestampNs { get; }

    /// <summary>The CPU that emitted it.</summary>
    public int Cpu { get; }

    /// <summary>Bit i set: string field i may have been cut at MAXSTRINGLEN.</summary>
    public ulong TruncatedFields { get; }

    /// <summary>The values, in <see cref="WireType.Fields"/> order.</summary>
    public IReadOnlyList<object?> Values => _values;

    /// <summary>The value of the field named <paramref name="fieldName"/>.</summary>
    /// <exception cref="KeyNotFoundException">The type has no such field.</exception>
    public object? this[string fieldName]
    {
        get
        {
            for (var i = 0; i < Type.Fields.Count; i++)
            {
                if (Type.Fields[i].Name == fieldName)
                {
                    return _values[i];
                }
            }

            throw new KeyNotFoundException($"{Type.FullName} has no field '{fieldName}'");
        }
    }

    /// <summary>Decodes one frame's fields (as <see cref="IWireVisitor.OnEvent"/> hands them out).</summary>
    /// <exception cref="EventFormatException">The fields do not match the type.</exception>
    public static EventRow Decode(WireType type, long timestampNs, int cpu, ReadOnlySpan<byte> fields, int maxStringLength = 512)
    {
        var reader = new EventFieldReader(fields, maxStringLength);
        var values = new object?[type.Kinds.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = type.Kinds[i] switch
            {
                WireFieldKind.Int64 or WireFieldKind.Enum => reader.ReadInt64(),
                WireFieldKind.Int32 => reader.ReadInt32(),
                WireFieldKind.UInt64 => reader.ReadUInt64(),
                WireFieldKind.Boolean => reader.ReadBoolean(),
                WireFieldKind.Errno => reader.ReadErrno(),
                _ => StringValue(reader.ReadStringBytes()),
            };
        }
        if (!reader.AtEnd)
        {
            throw new EventFormatException($"{type.FullName}: more fields than its {values.Length}");
        }

        return new EventRow(type, timestampNs, cpu, values, reader.TruncatedFields);
    }

    private static object StringValue(ReadOnlySpan<byte> bytes) => Utf8.IsValid(bytes) ? Encoding.UTF8.GetString(bytes) : bytes.ToArray();
}
