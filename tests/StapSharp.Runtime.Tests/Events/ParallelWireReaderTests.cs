using System.Text;
using CsCheck;
using StapSharp.Runtime.Events;

namespace StapSharp.Runtime.Tests.Events;

public class ParallelWireReaderTests
{
    private static byte[] Header(int id) => [0x1E, (byte)'B', (byte)id, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0];

    /// <summary>Bytes that are no frame, each on its own line; one swallows the start of the frame after it.</summary>
    private static readonly byte[][] Garbage =
    [
        "\u001eXnot a frame\n"u8.ToArray(),
        [.. Header(9), (byte)'\n'],
        [.. Header(1), .. new byte[16], 0, (byte)'\n'],
        [.. Header(0), .. new byte[16], 40, 0, 0, 0, (byte)'\n'],
        [.. Header(2), 3, 0, 0, 0, (byte)'a', (byte)'b', (byte)'c', .. new byte[8], 1, 0, 0, 0, (byte)'d', (byte)'x', (byte)'\n'],
    ];

    private static readonly Gen<byte[]> CaptureWithGarbage =
        Gen.Select(RandomCaptures.Records.Array[0, 50], Gen.Int[0, Garbage.Length - 1].Array[0, 6], Gen.Int[0, 50].Array[6],
            (records, garbage, places) =>
            {
                var lines = records.Select(r => RandomCaptures.Write([r])[Captures.Write(_ => { }).Length..]).ToList();
                for (var i = 0; i < garbage.Length; i++)
                {
                    lines.Insert(Math.Min(places[i], lines.Count), Garbage[garbage[i]]);
                }

                return Captures.Write(_ => { }).Concat(lines.SelectMany(l => l)).ToArray();
            });

    private static (List<string> Items, List<WireError> Errors) Sequential(byte[] capture)
    {
        var read = Captures.Read(capture, [capture.Length + 1]);
        return (read.Items, read.Errors);
    }

    private static (List<string> Items, List<WireError> Errors, int Reparsed) Parallel(byte[] capture, int blockBytes, int degree)
    {
        var read = ParallelWireReader.Read(capture, () => new RecordingVisitor(),
            new ParallelWireReaderOptions { BlockBytes = blockBytes, MaxDegreeOfParallelism = degree });
        return (read.Blocks.SelectMany(b => b.Items).ToList(), read.Blocks.SelectMany(b => b.Errors).ToList(), read.Reparsed);
    }

    [Fact]
    public void Random_captures_cut_into_any_block_size_read_exactly_as_one_reader_reads_them()
    {
        Gen.Select(RandomCaptures.Records.Array[0, 60], Gen.Int[1, 400], Gen.Int[1, 4]).Sample((records, blockBytes, degree) =>
        {
            var capture = RandomCaptures.Write(records);
            var (items, errors, _) = Parallel(capture, blockBytes, degree);
            Assert.Empty(errors);
            Assert.Equal(RandomCaptures.Expected(records), items);
        }, iter: 300);
    }

    [Fact]
    public void Garbage_gives_the_same_errors_at_the_same_offsets_and_the_same_records_around_it()
    {
        Gen.Select(CaptureWithGarbage, Gen.Int[1, 300]).Sample((capture, blockBytes) =>
        {
            var (items, errors) = Sequential(capture);
            var parallel = Parallel(capture, blockBytes, degree: 3);
            Assert.Equal(items, parallel.Items);
            Assert.Equal(errors, parallel.Errors);
        }, iter: 300);
    }

    [Fact]
    public void A_cut_inside_a_string_that_holds_line_breaks_is_found_and_that_block_is_read_again()
    {
        // Every line of the path reads as text, for longer than a guess looks ahead; cut every 16 bytes, most guesses land inside it.
        var path = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("x\n", 2500)));
        var records = new RandomCaptures.Record[]
        {
            new RandomCaptures.Tick(1, 0, 1, 1),
            new RandomCaptures.File(2, 1, 3, 4, path, -5, true, OpenKind.Read),
            new RandomCaptures.Tick(3, 0, 2, 2),
        };
        var capture = RandomCaptures.Write(records);

        var (items, errors, reparsed) = Parallel(capture, blockBytes: 16, degree: 2);

        Assert.Empty(errors);
        Assert.Equal(RandomCaptures.Expected(records), items);
        Assert.True(reparsed > 10, $"only {reparsed} blocks were read again");
    }

    [Fact]
    public void Binary_frames_full_of_line_breaks_are_cut_at_their_real_starts_without_reading_a_block_again()
    {
        // Every field byte is '\n': each frame has 24 false line starts, and a false one reads as text lines.
        const long newlines = 0x0A0A0A0A0A0A0A0A;
        var records = Enumerable.Range(0, 2000)
            .Select(i => (RandomCaptures.Record)new RandomCaptures.Tick(newlines, 0x0A0A, newlines, (ulong)newlines))
            .ToArray();
        var capture = RandomCaptures.Write(records);

        var (items, errors, reparsed) = Parallel(capture, blockBytes: 500, degree: 2);

        Assert.Empty(errors);
        Assert.Equal(RandomCaptures.Expected(records), items);
        Assert.Equal(0, reparsed);
    }

    [Fact]
    public void A_second_schema_inside_the_capture_is_taken_by_no_block()
    {
        // Another module's output appended: its header and type lines, with other ids. Only the stream's start declares
        // types, so every block goes on with the first schema. Both parts are longer than a guess looks ahead.
        var first = Captures.Write(writer => { for (var i = 0; i < 500; i++) { Captures.Tick(writer, i, 0, i, 1); } });
        var secondStream = new MemoryStream();
        using (var writer = new WireWriter(secondStream))
        {
            writer.WriteSchema([Captures.Types[1], Captures.Types[0]]);
            for (var i = 0; i < 500; i++)
            {
                Captures.Tick(writer, 1000 + i, 1, i, 2);   // id 1 is the tick event under the first schema too
            }
        }
        var capture = first.Concat(secondStream.ToArray()).ToArray();

        var (items, errors) = Sequential(capture);
        var parallel = Parallel(capture, blockBytes: 640, degree: 2);

        Assert.Equal(1000, items.Count(i => i.StartsWith("event 1 ")));
        Assert.Single(errors); // the second header: it holds a zero byte, so it is no text
        Assert.Equal(2, items.Count(i => i.StartsWith("text ")));  // its type lines are text
        Assert.Equal(items, parallel.Items);
        Assert.Equal(errors, parallel.Errors);
    }

    [Fact]
    public void A_capture_file_reads_like_the_same_bytes_in_memory()
    {
        RandomCaptures.Records.Array[200, 300].Sample(records =>
        {
            var path = Path.Combine(Path.GetTempPath(), $"stapsharp-parallel-{Guid.NewGuid():N}.wire");
            File.WriteAllBytes(path, RandomCaptures.Write(records));
            try
            {
                var read = ParallelWireReader.Read(path, () => new RecordingVisitor(), new ParallelWireReaderOptions { BlockBytes = 1000 });
                Assert.True(read.Blocks.Count > 10);
                Assert.Equal(RandomCaptures.Expected(records), read.Blocks.SelectMany(b => b.Items));
            }
            finally
            {
                File.Delete(path);
            }
        }, iter: 5);
    }
}
