using System.Buffers.Binary;

namespace StapSharp.Tests.Shared;

/// <summary>Per-CPU files as <c>staprun -b</c> writes them with SystemTap 4.8.</summary>
internal static class BulkFiles
{
    /// <summary>A file of one record per payload: a <c>uint32 sequence; uint32 length</c> header, then the bytes.</summary>
    public static byte[] Write(params byte[][] records)
    {
        var file = new List<byte>();
        var sequence = 1u;
        foreach (var payload in records)
        {
            var header = new byte[8];
            BinaryPrimitives.WriteUInt32LittleEndian(header, sequence++);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), (uint)payload.Length);
            file.AddRange(header);
            file.AddRange(payload);
        }
        return [.. file];
    }
}
