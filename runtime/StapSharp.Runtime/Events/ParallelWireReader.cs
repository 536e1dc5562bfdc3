using Microsoft.Win32.SafeHandles;

namespace StapSharp.Runtime.Events;

/// <summary>How <see cref="ParallelWireReader"/> cuts a capture and how many cores it uses.</summary>
public sealed record ParallelWireReaderOptions
{
    /// <summary>Blocks read at once; by default one per core.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Bytes per block; by default the capture is cut into four blocks per core, each between 1 MiB and
    /// 16 MiB. Smaller blocks balance the cores better; each costs one extra visitor.
    /// </summary>
    public int? BlockBytes { get; init; }

    /// <summary>Bound on one record, as for <see cref="WireReader"/>.</summary>
    public int MaxRecordBytes { get; init; } = WireReader.DefaultMaxRecordBytes;
}

/// <summary>What <see cref="ParallelWireReader"/> read: one visitor per block, in stream order.</summary>
/// <typeparam name="TVisitor">The visitor type.</typeparam>
/// <param name="Blocks">
/// The visitors, in stream order: each saw the records of one run of the stream, in order, and together
/// they saw every record exactly once.
/// </param>
/// <param name="Reparsed">
/// Blocks read a second time, one after the other, because a guess about where they start was wrong (a
/// string field held a line break just where the block was cut, a damaged run went on past the cut, or the
/// capture's schema lines reached past the first block).
/// </param>
public sealed record ParallelWireRead<TVisitor>(IReadOnlyList<TVisitor> Blocks, int Reparsed);

/// <summary>
/// Reads a whole capture (a file or bytes in memory) on several cores: the capture is cut into blocks at
/// line starts, each block is read by its own <see cref="WireReader"/> into its own visitor, and the results
/// come back in stream order, exactly as one reader would have delivered them.
/// </summary>
/// <remarks>
/// A cut can fall inside a string field that holds a line break or inside a run of damaged bytes, so each block's
/// start is a guess. The guess is checked afterwards against where the block before it really ended and in what
/// state (its schema, a damaged run it was passing over); a block whose guess was wrong is read again, after the
/// parallel pass, from the right place in the right state, and its first visitor is dropped. Visitors
/// should therefore only collect (count, aggregate, buffer): a dropped one must leave no trace elsewhere.
/// </remarks>
public static class ParallelWireReader
{
    /// <summary>Bytes at the capture's start that are read for its schema before the blocks start.</summary>
    private const int SchemaProbeBytes = 64 * 1024;

    /// <summary>Bytes handed to a block's reader at a time: small enough to stay in a core's cache.</summary>
    private const int ChunkBytes = 256 * 1024;

    /// <summary>Bytes looked at at a time for the end of the record cut at a block's limit.</summary>
    private const int LookAheadBytes = 4096;

    /// <summary>Reads the capture file at <paramref name="path"/>.</summary>
    public static ParallelWireRead<TVisitor> Read<TVisitor>(string path, Func<TVisitor> createVisitor, ParallelWireReaderOptions? options = null)
        where TVisitor : IWireVisitor
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        return Read(new FileSource(handle), createVisitor, options ?? new());
    }

    /// <summary>Reads a capture held in memory.</summary>
    public static ParallelWireRead<TVisitor> Read<TVisitor>(ReadOnlyMemory<byte> capture, Func<TVisitor> createVisitor, ParallelWireReaderOptions? options = null)
        where TVisitor : IWireVisitor =>
        Read(new MemorySource(capture), createVisitor, options ?? new());

    private static ParallelWireRead<TVisitor> Read<TVisitor>(ISource source, Func<TVisitor> createVisitor, ParallelWireReaderOptions options)
        where TVisitor : IWireVisitor
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxDegreeOfParallelism, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BlockBytes ?? 1, 1);
        var length = source.Length;
        var blockBytes = options.BlockBytes ??
            (int)Math.Clamp(length / (4L * options.MaxDegreeOfParallelism), 1 << 20, 16 << 20);
        var count = (int)Math.Max(1, (length + blockBytes - 1) / blockBytes);

        // Block k covers the records that start in [starts[k], starts[k + 1]): cuts move to the next line start.
        // Later blocks start from the schema the capture opens with, past its schema lines.
        var schema = SchemaAtStart(source, options.MaxRecordBytes);
        var starts = new long[count + 1];
        for (var k = 1; k < count; k++)
        {
            starts[k] = RecordStart(source, (long)k * blockBytes, schema, options.MaxRecordBytes);
        }

        starts[count] = length;
        var blocks = new Block<TVisitor>[count];
        // Each worker takes the next block until none is left and keeps one buffer for a file's bytes throughout.
        // The workers are threads of their own (and this one), so all of them start at once.
        var next = -1;
        void Work()
        {
            byte[]? buffer = null;
            for (var k = Interlocked.Increment(ref next); k < count; k = Interlocked.Increment(ref next))
            {
                blocks[k] = ReadRange(source, starts[k], starts[k + 1], k == 0 ? null : schema?.Clone(),
                    k == 0 ? WireReader.State.AtStart : WireReader.State.InText, createVisitor, options.MaxRecordBytes, ref buffer);
            }
        }
        var helpers = Enumerable.Range(1, Math.Min(options.MaxDegreeOfParallelism, count) - 1)
            .Select(_ => Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToArray();
        Work();
        Task.WaitAll(helpers);

        var reparsed = 0;
        byte[]? again = null;
        for (var k = 1; k < count; k++)
        {
            var before = blocks[k - 1];
            var guess = blocks[k];
            if (guess.Start == before.End && before.EndState == WireReader.State.InText && WireSchema.SameDeclarations(guess.StartSchema, before.EndSchema))
            {
                continue;
            }

            blocks[k] = ReadRange(source, before.End, starts[k + 1], before.EndSchema?.Clone(), before.EndState,
                createVisitor, options.MaxRecordBytes, ref again);
            reparsed++;
        }
        return new ParallelWireRead<TVisitor>(Array.ConvertAll(blocks, b => b.Visitor), reparsed);
    }

    /// <summary>Reads the records that start in [<paramref name="start"/>, <paramref name="limit"/>) into a new visitor.</summary>
    /// <remarks>
    /// The range goes through the reader in chunks small enough to stay in the core's cache between the copy
    /// from the file and the parse. The record cut at the limit is then finished line by line, so no record
    /// after it is read.
    /// </remarks>
    private static Block<TVisitor> ReadRange<TVisitor>(ISource source, long start, long limit, WireSchema? schema, WireReader.State state,
        Func<TVisitor> createVisitor, int maxRecordBytes, ref byte[]? buffer) where TVisitor : IWireVisitor
    {
        var visitor = createVisitor();
        var reader = new WireReader(schema, maxRecordBytes, start, state);
        var position = start;
        while (position < limit)
        {
            var chunk = source.Read(position, (int)Math.Min(ChunkBytes, limit - position), ref buffer);
            reader.Write(chunk, ref visitor);
            position += chunk.Length;
        }
        while ((reader.HasCarry || reader.InLoss) && position < source.Length && position - limit <= maxRecordBytes)
        {
            var ahead = source.Read(position, (int)Math.Min(LookAheadBytes, source.Length - position), ref buffer);
            var newline = ahead.IndexOf((byte)'\n');
            var line = newline < 0 ? ahead : ahead[..(newline + 1)];
            reader.Write(line, ref visitor);
            position += line.Length;
        }
        if (position == source.Length)
        {
            reader.Complete(ref visitor);
        }

        return new Block<TVisitor>(visitor, start, schema, position, reader.Schema, reader.Current);
    }

    /// <summary>The schema declared at the capture's start (the module's begin probe prints it first).</summary>
    private static WireSchema? SchemaAtStart(ISource source, int maxRecordBytes)
    {
        byte[]? buffer = null;
        return WireReader.SchemaAtStart(source.Read(0, (int)Math.Min(source.Length, SchemaProbeBytes), ref buffer), maxRecordBytes);
    }

    /// <summary>
    /// A line start at or after <paramref name="offset"/> from which the next records read without an error:
    /// the first such frame start within <see cref="LookAheadBytes"/>, else the first such line start, else the
    /// first line start (the capture's length when there is none). A binary frame's bytes can hold '\n'
    /// anywhere, and a string any bytes, so a line start alone is often no record start: the bytes after it
    /// would pass for a text line. This is only a guess: the blocks are checked against each other afterwards.
    /// </summary>
    private static long RecordStart(ISource source, long offset, WireSchema? schema, int maxRecordBytes)
    {
        byte[]? buffer = null;
        long first = -1, clean = -1;
        for (var from = offset - 1; from < source.Length; from += LookAheadBytes)
        {
            var span = source.Read(from, (int)Math.Min(LookAheadBytes, source.Length - from), ref buffer);
            for (var newline = span.IndexOf((byte)'\n'); newline >= 0; newline = NextNewline(span, newline))
            {
                var candidate = from + newline + 1;
                if (first < 0)
                {
                    first = candidate;
                }

                if (candidate - first > LookAheadBytes)
                {
                    return clean >= 0 ? clean : first;
                }

                if (!ReadsCleanly(source, candidate, schema, maxRecordBytes, out var isFrame))
                {
                    continue;
                }

                if (isFrame)
                {
                    return candidate;
                }

                if (clean < 0)
                {
                    clean = candidate;
                }
            }
        }
        return clean >= 0 ? clean : first < 0 ? source.Length : first;
    }
    private static int NextNewline(ReadOnlySpan<byte> span, int newline)
    {
        var next = span[(newline + 1)..].IndexOf((byte)'\n');
        return next < 0 ? -1 : newline + 1 + next;
    }

    /// <summary>True when the bytes at <paramref name="start"/> (up to <see cref="LookAheadBytes"/>) read as records without an error.</summary>
    private static bool ReadsCleanly(ISource source, long start, WireSchema? schema, int maxRecordBytes, out bool isFrame)
    {
        byte[]? buffer = null;
        var probe = new ErrorCountingVisitor();
        var reader = new WireReader(schema?.Clone(), maxRecordBytes, start, WireReader.State.InText);
        var bytes = source.Read(start, (int)Math.Min(LookAheadBytes, source.Length - start), ref buffer);
        isFrame = !bytes.IsEmpty && bytes[0] == WireFormat.FrameMark;
        reader.Write(bytes, ref probe);
        return probe.Errors == 0;
    }

    private sealed record Block<TVisitor>(TVisitor Visitor, long Start, WireSchema? StartSchema, long End, WireSchema? EndSchema, WireReader.State EndState);

    private struct ErrorCountingVisitor : IWireVisitor
    {
        public int Errors;

        public readonly void OnText(ReadOnlySpan<byte> line) { }
        public readonly void OnSchemaHeader(WireSchema schema) { }
        public readonly void OnTypeDeclared(WireType type) { }
        public readonly void OnEvent(WireType type, long timestampNs, int cpu, ReadOnlySpan<byte> fields) { }
        public void OnError(WireError error) => Errors++;
    }

    /// <summary>Random access to the capture's bytes, safe from several threads.</summary>
    private interface ISource
    {
        long Length { get; }

        /// <summary>The bytes at [offset, offset + count); may use (and grow) <paramref name="buffer"/> to hold them.</summary>
        ReadOnlySpan<byte> Read(long offset, int count, ref byte[]? buffer);
    }

    private sealed class MemorySource(ReadOnlyMemory<byte> capture) : ISource
    {
        public long Length => capture.Length;

        public ReadOnlySpan<byte> Read(long offset, int count, ref byte[]? buffer) => capture.Span.Slice((int)offset, count);
    }

    private sealed class FileSource(SafeFileHandle handle) : ISource
    {
        public long Length { get; } = RandomAccess.GetLength(handle);

        public ReadOnlySpan<byte> Read(long offset, int count, ref byte[]? buffer)
        {
            // Not zeroed: every byte handed out is read from the file first. Blocks differ in length by a few
            // bytes (cuts move to line starts), so the buffer grows with room to spare, not to the byte.
            if (buffer is null || buffer.Length < count)
            {
                buffer = GC.AllocateUninitializedArray<byte>((int)Math.Min(Array.MaxLength, count + (count >> 3) + 4096L));
            }

            var filled = 0;
            while (filled < count)
            {
                var read = RandomAccess.Read(handle, buffer.AsSpan(filled, count - filled), offset + filled);
                if (read == 0)
                {
                    throw new IOException($"the capture got shorter while it was read (at byte {offset + filled})");
                }

                filled += read;
            }
            return buffer.AsSpan(0, count);
        }
    }
}
