using System.Buffers.Binary;
using System.Text;

namespace StapSharp.EndToEnd.Tests.Metrics;

/// <summary>One field of a protobuf message: its number, and its varint, fixed 64-bit or length-delimited bytes.</summary>
internal sealed record ProtoField(int Number, ulong Scalar, byte[]? Bytes)
{
    public IReadOnlyList<ProtoField> Message => Protobuf.Read(Bytes!);

    public string Text => Encoding.UTF8.GetString(Bytes!);

    public double Double => BitConverter.Int64BitsToDouble((long)Scalar);
}

/// <summary>
/// The protobuf wire format, read without a schema (varint, fixed64, length-delimited and fixed32 fields): enough to
/// walk an OTLP request by its field numbers.
/// </summary>
internal static class Protobuf
{
    public static IReadOnlyList<ProtoField> Read(ReadOnlySpan<byte> bytes)
    {
        var fields = new List<ProtoField>();
        var at = 0;
        while (at < bytes.Length)
        {
            var key = Varint(bytes, ref at);
            var number = (int)(key >> 3);
            switch (key & 7)
            {
                case 0:
                    fields.Add(new ProtoField(number, Varint(bytes, ref at), null));
                    break;
                case 1:
                    fields.Add(new ProtoField(number, BinaryPrimitives.ReadUInt64LittleEndian(bytes[at..]), null));
                    at += 8;
                    break;
                case 2:
                    var length = (int)Varint(bytes, ref at);
                    fields.Add(new ProtoField(number, 0, bytes.Slice(at, length).ToArray()));
                    at += length;
                    break;
                case 5:
                    fields.Add(new ProtoField(number, BinaryPrimitives.ReadUInt32LittleEndian(bytes[at..]), null));
                    at += 4;
                    break;
                default:
                    throw new Xunit.Sdk.XunitException($"wire type {key & 7} at byte {at}");
            }
        }

        return fields;
    }

    public static IEnumerable<ProtoField> All(this IReadOnlyList<ProtoField> message, int number) => message.Where(f => f.Number == number);

    public static ProtoField One(this IReadOnlyList<ProtoField> message, int number) => Assert.Single(message, f => f.Number == number);

    /// <summary>Packed repeated fixed64/double values.</summary>
    public static ulong[] Packed64(byte[] bytes) =>
        Enumerable.Range(0, bytes.Length / 8).Select(i => BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(i * 8))).ToArray();

    private static ulong Varint(ReadOnlySpan<byte> bytes, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[at++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
