namespace StapSharp.Runtime.Events;

/// <summary>The version, sizes and marks of the frames (runtime/StapSharp/WIRE-FORMAT.md), shared by the reader and the writer.</summary>
public static class WireFormat
{
    /// <summary>The schema header's version: the frames this runtime reads.</summary>
    public const int Version = 2;

    /// <summary>
    /// The byte-order mark of the header, as the header's text holds it: the module prints <c>0x0201</c>
    /// with <c>%2b</c> after its type count, which a little-endian target writes as the bytes 01 02.
    /// </summary>
    public const string LittleEndianMark = "\u0001\u0002";

    /// <summary>The same mark from a big-endian target, whose numbers this runtime would misread.</summary>
    public const string BigEndianMark = "\u0002\u0001";

    /// <summary><c>\x1eB</c>, the type id (2 bytes), the timestamp (8) and the cpu (2).</summary>
    public const int BinaryHeaderBytes = 14;

    /// <summary>Every integer field (<c>i64</c>, <c>i32</c>, <c>u64</c>, <c>bool</c>, <c>errno</c>, <c>enum</c>): stap's <c>%8b</c> of its 64-bit value.</summary>
    public const int BinaryIntegerBytes = 8;

    /// <summary>A string field's length prefix (<c>%4b</c>), then its bytes.</summary>
    public const int BinaryStringLengthBytes = 4;

    /// <summary>The largest type id and cpu a binary header holds (2 bytes each).</summary>
    public const int MaxBinaryHeaderValue = ushort.MaxValue;
}
