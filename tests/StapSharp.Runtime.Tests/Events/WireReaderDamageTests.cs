using System.Buffers.Binary;
using System.Text;
using CsCheck;
using StapSharp.Protocol;
using StapSharp.Runtime.Events;

namespace StapSharp.Runtime.Tests.Events;

/// <summary>Damaged output: only what the damage touched is lost, every loss is counted, and the work stays linear.</summary>
public class WireReaderDamageTests
{
    private static readonly int[][] Chunkings = [[int.MaxValue], [1], [3, 1, 17, 250, 2]];

    /// <summary>Reads the capture whole, a byte at a time and in odd chunks; all three must give the same items and errors.</summary>
    private static RecordingVisitor ReadEveryWay(byte[] capture)
    {
        var reads = Chunkings.Select(chunks => Captures.Read(capture, chunks)).ToList();
        foreach (var other in reads.Skip(1))
        {
            Assert.Equal(reads[0].Items, other.Items);
            Assert.Equal(reads[0].Errors, other.Errors);
        }
        return reads[0];
    }

    private static byte[] Tick(long ts, long count, ulong mask) =>
        Captures.Write(writer => Captures.Tick(writer, ts, 0, count, mask), schema: false);

    private static byte[] File(long ts, string path) =>
        Captures.Write(writer => Captures.File(writer, ts, 0, 7, 1, Encoding.UTF8.GetBytes(path), 0, true, OpenKind.Read), schema: false);

    private static string TickItem(long ts, long count, ulong mask) => $"event 1 {ts} 0 {count},{mask}";

    [Fact]
    public void A_frame_whose_line_end_is_damaged_is_lost_alone_and_the_next_frame_arrives()
    {
        // The next '\n' after the damaged frame is the end of the frame after it: going on at the next line start lost that one too.
        var damaged = Tick(2, 2, 2);
        damaged[^1] = (byte)'x';
        var capture = Captures.Write(writer =>
        {
            writer.WriteBytes(Tick(1, 1, 1));
            writer.WriteBytes(damaged);
            writer.WriteBytes(Tick(3, 3, 3));
            writer.WriteBytes(Tick(4, 4, 4));
        });

        var read = ReadEveryWay(capture);

        Assert.Equal([TickItem(1, 1, 1), TickItem(3, 3, 3), TickItem(4, 4, 4)], read.Items.Where(i => i.StartsWith("event ")));
        var error = Assert.Single(read.Errors);
        Assert.Equal(damaged.Length, error.Length);
        CaptureDamage.AssertEveryByteAccounted(capture, read, Captures.SchemaBytes);
    }

    [Fact]
    public void A_string_length_raised_by_the_next_frame_s_size_is_an_error_and_the_next_frame_still_arrives()
    {
        // The raised length makes the string end just where the next frame ends: that frame's '\n' then ends this one.
        var next = Tick(2, 2, 2);
        var damaged = File(1, "/tmp/a");
        var lengthAt = WireFormat.HeaderBytes + 2 * WireFormat.IntegerBytes;
        BinaryPrimitives.WriteUInt32LittleEndian(damaged.AsSpan(lengthAt), BinaryPrimitives.ReadUInt32LittleEndian(damaged.AsSpan(lengthAt)) + (uint)next.Length);
        var capture = Captures.Write(writer =>
        {
            writer.WriteBytes(damaged);
            writer.WriteBytes(next);
            writer.WriteBytes(Tick(3, 3, 3));
        });

        var read = ReadEveryWay(capture);

        Assert.Equal([TickItem(2, 2, 2), TickItem(3, 3, 3)], read.Items.Where(i => i.StartsWith("event ")));
        var error = Assert.Single(read.Errors);
        Assert.Contains("FileEvent", error.Reason);
        Assert.Equal(damaged.Length, error.Length);
        CaptureDamage.AssertEveryByteAccounted(capture, read, Captures.SchemaBytes);
    }

    [Fact]
    public void A_flipped_bit_in_a_value_is_an_error_not_a_wrong_event()
    {
        var damaged = Tick(2, 2, 2);
        damaged[WireFormat.HeaderBytes + 3] ^= 0x10;
        var capture = Captures.Write(writer =>
        {
            writer.WriteBytes(damaged);
            writer.WriteBytes(Tick(3, 3, 3));
        });

        var read = ReadEveryWay(capture);

        Assert.Equal([TickItem(3, 3, 3)], read.Items.Where(i => i.StartsWith("event ")));
        Assert.Contains("check", Assert.Single(read.Errors).Reason);
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(1)]
    public void Without_its_check_the_reader_the_benchmark_measures_against_takes_a_flipped_bit_for_a_value(int chunkSize)
    {
        // The benchmark's no-check baseline must skip the check on both paths: the tight loop (whole chunks) and the
        // general one (frames cut by a chunk's end).
        var damaged = Tick(2, 2, 2);
        damaged[WireFormat.HeaderBytes + 3] ^= 0x10;
        var capture = Captures.Write(writer => writer.WriteBytes(damaged));
        var reader = new WireReader { VerifiesChecks = false };
        var visitor = new RecordingVisitor();
        for (var position = 0; position < capture.Length; position += chunkSize)
        {
            reader.Write(capture.AsSpan(position, Math.Min(chunkSize, capture.Length - position)), ref visitor);
        }

        reader.Complete(ref visitor);

        Assert.Empty(visitor.Errors);
        Assert.Equal([TickItem(2, 2 + (0x10L << 24), 2)], visitor.Items.Where(i => i.StartsWith("event ")));
    }

    [Fact]
    public void A_damaged_type_line_makes_that_type_s_frames_counted_losses_and_spares_the_others()
    {
        // The tick type's line loses its field code; its frames then have no known layout. A count of 10 puts a '\n'
        // inside each of them: going on at that line start read the rest of the frame as text.
        var capture = Captures.Write(writer =>
        {
            for (var i = 0; i < 5; i++)
            {
                Captures.Tick(writer, i, 0, 10, 0);
                Captures.File(writer, 100 + i, 0, 7, 1, "/p"u8.ToArray(), 0, true, OpenKind.Read);
            }
        });
        var typeLine = Encoding.ASCII.GetBytes("Count:i64");
        var at = capture.AsSpan().IndexOf(typeLine);
        capture[at + "Count:".Length] = (byte)'j';

        var read = ReadEveryWay(capture);

        Assert.Equal(Enumerable.Range(100, 5).Select(ts => $"event 0 {ts} 0 7,1,str:2F70,errno:0,True,1"), read.Items.Where(i => i.StartsWith("event ")));
        Assert.DoesNotContain(read.Items, i => i.StartsWith("text "));
        Assert.Contains("field 'Count:j64' has no known field code", read.Errors[0].Reason);
        Assert.Equal(5, read.Errors.Count(e => e.Reason.Contains("type id 1, whose type line was damaged")));
        Assert.All(read.Errors.Skip(1), e => Assert.Equal(Tick(0, 10, 0).Length, e.Length));
    }

    [Fact]
    public void Damage_anywhere_loses_only_the_records_it_touched_and_every_lost_byte_is_counted()
    {
        Gen.Select(RandomCaptures.Records.Array[1, 30], CaptureDamage.Damages.Array[0, 4]).Sample((records, damages) =>
        {
            var laid = CaptureDamage.Lay(records);
            var (capture, touched) = CaptureDamage.Apply(laid, damages);

            var read = ReadEveryWay(capture);

            var intactFrames = records.Select((record, i) => (record, i))
                .Where(r => r.record is not RandomCaptures.Text && !touched[r.i])
                .Select(r => laid.Expected[r.i]);
            Assert.True(CaptureDamage.InOrder(read.Items, intactFrames), "an untouched frame is missing");
            CaptureDamage.AssertEveryByteAccounted(capture, read, Captures.SchemaBytes);
            if (capture.AsSpan().SequenceEqual(laid.Bytes))
            {
                Assert.Empty(read.Errors);
            }
        }, iter: 1500);
    }

    [Fact]
    public void Damaged_captures_read_the_same_whatever_the_chunks_and_the_parallel_reader_agrees()
    {
        Gen.Select(RandomCaptures.Records.Array[1, 40], CaptureDamage.Damages.Array[1, 6], Gen.Int[1, 300].Array[1, 8], Gen.Int[1, 400])
            .Sample((records, damages, chunks, blockBytes) =>
            {
                var (capture, _) = CaptureDamage.Apply(CaptureDamage.Lay(records), damages);
                var whole = Captures.Read(capture);
                var chunked = Captures.Read(capture, chunks);
                Assert.Equal(whole.Items, chunked.Items);
                Assert.Equal(whole.Errors, chunked.Errors);

                var parallel = ParallelWireReader.Read(capture, () => new RecordingVisitor(),
                    new ParallelWireReaderOptions { BlockBytes = blockBytes, MaxDegreeOfParallelism = 3 });
                Assert.Equal(whole.Items, parallel.Blocks.SelectMany(b => b.Items));
                Assert.Equal(whole.Errors, parallel.Blocks.SelectMany(b => b.Errors));
            }, iter: 400);
    }

    [Fact]
    public void A_long_text_line_fed_a_byte_at_a_time_is_scanned_once()
    {
        const int length = 1_000_000;
        var line = Enumerable.Repeat((byte)'x', length).Append((byte)'\n').ToArray();
        var capture = Captures.Write(writer => writer.WriteBytes(line));

        var read = Captures.Read(capture, [1], out var reader);

        Assert.Equal("text " + Convert.ToHexString(line.AsSpan(0, length)), read.Items[^1]);
        Assert.InRange(reader.ScannedBytes, length, 3L * capture.Length);
    }

    [Fact]
    public void A_long_frame_and_long_damage_fed_a_byte_at_a_time_are_scanned_once()
    {
        // A frame with a long string, then a frame whose string claims more than is left: the reader waits for its
        // bytes without scanning them again, then passes over them once.
        var path = Enumerable.Repeat((byte)'p', 300_000).ToArray();
        var capture = Captures.Write(writer =>
        {
            Captures.File(writer, 1, 0, 7, 1, path, 0, true, OpenKind.Read);
            Captures.Rename(writer, 2, 0, path, 0, path);
            writer.WriteBytes([0x1E, (byte)'B', 0, 0, .. new byte[26], 0xA0, 0x86, 0x01, 0x00]);  // a string of 100,000 bytes, then too few
            writer.WriteBytes(Enumerable.Repeat((byte)'y', 50_000).ToArray());
        });

        var read = Captures.Read(capture, [1], out var reader);

        Assert.Equal(2, read.Events);
        Assert.Equal(Captures.Read(capture).Items, read.Items);
        Assert.InRange(reader.ScannedBytes, 0, 3L * capture.Length);
    }
}
