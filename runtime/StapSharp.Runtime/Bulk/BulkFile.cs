using System.Buffers.Binary;

namespace StapSharp.Runtime.Bulk;

/// <summary>One print flush of one CPU in a bulk-mode output file.</summary>
/// <param name="Sequence">The runtime's global flush counter (shared by all CPUs).</param>
/// <param name="Payload">The bytes the probes printed, whole lines and frames.</param>
public readonly record struct BulkRecord(uint Sequence, ReadOnlyMemory<byte> Payload);

/// <summary>
/// Reads a per-CPU file that <c>staprun -b -o FILE</c> writes (as <c>FILE_&lt;cpu&gt;</c>) with SystemTap 4.8:
/// a sequence of records, each a <c>struct _stp_trace</c> header (<c>uint32 sequence; uint32 pdu_len</c>,
/// host byte order) followed by <c>pdu_len</c> bytes of output. (From 5.0 on the header starts with a
/// 4-byte magic; this reader is for the 4.8 layout the toolchain ships.)
/// </summary>
public static class BulkFile
{
    /// <summary>The size of a record header.</summary>
    public const int HeaderSize = 8;

    /// <summary>
    /// The records of <paramref name="bytes"/>. A header whose length runs past the end (a run cut short)
    /// ends the file: its bytes are reported in <paramref name="trailingBytes"/> so a caller can count them lost.
    /// </summary>
    public static IReadOnlyList<BulkRecord> Read(ReadOnlyMemory<byte> bytes, out int trailingBytes)
    {
        var records = new List<BulkRecord>();
        var position = 0;
        while (bytes.Length - position >= HeaderSize)
        {
            var header = bytes.Span.Slice(position, HeaderSize);
            var sequence = BinaryPrimitives.ReadUInt32LittleEndian(header);
            var length = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
            if (length > (uint)(bytes.Length - position - HeaderSize))
            {
                break;
            }

            records.Add(new BulkRecord(sequence, bytes.Slice(position + HeaderSize, (int)length)));
            position += HeaderSize + (int)length;
        }

        trailingBytes = bytes.Length - position;
        return records;
    }

    /// <summary>The CPU number of a bulk file named <c>FILE_&lt;cpu&gt;</c>, or null when the name has no such suffix.</summary>
    public static int? CpuOf(string path)
    {
        var name = Path.GetFileName(path);
        var underscore = name.LastIndexOf('_');
        return underscore >= 0 && int.TryParse(name.AsSpan(underscore + 1), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var cpu) ? cpu : null;
    }
}
