using System.Text;
using System.Text.Unicode;
using CsCheck;
using StapSharp.Protocol;
using StapSharp.Runtime.Events;

namespace StapSharp.Runtime.Tests.Events;

public class WireReaderTests
{
    private static byte[] Write(IEnumerable<RandomCaptures.Record> records) => RandomCaptures.Write(records);

    private static List<string> Expected(IEnumerable<RandomCaptures.Record> records) => RandomCaptures.Expected(records);

    [Fact]
    public void Random_frames_with_hostile_strings_decode_exactly_however_the_stream_is_chunked()
    {
        Gen.Select(RandomCaptures.Records.Array[0, 40], Gen.Int[1, 700].Array[1, 12]).Sample((records, chunks) =>
        {
            var capture = Write(records);
            var read = Captures.Read(capture, chunks);
            Assert.Empty(read.Errors);
            Assert.Equal(Expected(records), read.Items);
        }, iter: 400);
    }

    [Fact]
    public void Every_buffer_boundary_and_byte_by_byte_feeding_give_the_same_records()
    {
        var path = Encoding.UTF8.GetBytes("a\n\u001eB\u0001 5 5 5\n b 3:xyz\n");
        var records = new RandomCaptures.Record[]
        {
            new RandomCaptures.Text("hello"u8.ToArray()),
            new RandomCaptures.File(1_700_000_000_000_000_000, 3, 42, -1, path, -17, true, OpenKind.Create),
            new RandomCaptures.Tick(5, 0, long.MinValue, ulong.MaxValue),
            new RandomCaptures.File(2, 1, 0, 0, [], 0, false, OpenKind.Read),
            new RandomCaptures.Text([]),
            new RandomCaptures.File(3, 2, 7, 8, [0xFF, 0xFE, (byte)'\n', 0x1E], -2, true, OpenKind.Write),
        };
        var capture = Write(records);
        var expected = Expected(records);
        for (var split = 1; split < capture.Length; split++)
        {
            var read = Captures.Read(capture, [split, capture.Length]);
            Assert.Empty(read.Errors);
            Assert.Equal(expected, read.Items);
        }
        Assert.Equal(expected, Captures.Read(capture, [1]).Items);
    }

    [Fact]
    public void A_frame_after_text_without_a_line_end_is_still_an_event_and_the_text_a_line_of_its_own()
    {
        // A probe that prints no '\n' leaves the next probe's frame in the middle of a line.
        Gen.Select(RandomCaptures.Records.Array[1, 30], Gen.Int[1, 300].Array[1, 6]).Sample((records, chunks) =>
        {
            var capture = Captures.Write(writer =>
            {
                for (var i = 0; i < records.Length; i++)
                {
                    // (An empty line without its '\n' would be no line at all.)
                    if (records[i] is RandomCaptures.Text { Bytes.Length: > 0 } text && i + 1 < records.Length && records[i + 1] is not RandomCaptures.Text)
                    {
                        writer.WriteBytes(text.Bytes);
                    }
                    else
                    {
                        RandomCaptures.WriteRecord(writer, records[i]);
                    }
                }
            });
            var read = Captures.Read(capture, chunks);
            Assert.Empty(read.Errors);
            Assert.Equal(Expected(records), read.Items);
        }, iter: 300);
    }

    [Fact]
    public void A_frame_mark_inside_text_that_reads_as_no_frame_stays_text()
    {
        var capture = Captures.Write(writer =>
        {
            writer.WriteText("a\u001eB no frame \u001eB\u0001\u0001 either"u8);
            writer.WriteBytes("tail \u001eB"u8);
        });
        var read = Captures.Read(capture, [3]);
        Assert.Empty(read.Errors);
        Assert.Equal(
            ["text " + Convert.ToHexString("a\u001eB no frame \u001eB\u0001\u0001 either"u8), "text " + Convert.ToHexString("tail \u001eB"u8)],
            read.Items.Where(i => i.StartsWith("text ")));
    }

    /// <summary>
    /// Reads a garbage capture whole, byte by byte and in odd chunks: each time the errors pass
    /// <paramref name="checkErrors"/>, and ticks 1, 2, 3, 5 and 6, the file event at time 4 and the final text line arrive.
    /// </summary>
    private static void AssertRecordsAroundGarbageSurvive(byte[] capture, Action<List<WireError>> checkErrors)
    {
        foreach (var chunks in new[] { new[] { capture.Length }, [1], [7, 13] })
        {
            var read = Captures.Read(capture, chunks);
            checkErrors(read.Errors);
            Assert.Equal(["1,1", "2,2", "3,3", "5,5", "6,6"], read.Items.Where(i => i.StartsWith("event 1 ")).Select(i => i.Split(' ')[4]));
            Assert.Single(read.Items, i => i.StartsWith("event 0 4 "));
            Assert.Equal("text " + Convert.ToHexString("plain text"u8), read.Items[^1]);
        }
    }

    [Fact]
    public void A_frame_cut_short_at_the_end_of_the_stream_is_an_error_after_the_records_before_it()
    {
        var whole = Captures.Write(writer =>
        {
            Captures.Tick(writer, 1, 0, 1, 1);
            Captures.File(writer, 2, 0, 4, 4, "a long enough path"u8.ToArray(), 0, true, OpenKind.Read);
        });
        var cut = whole[..^5];
        var read = Captures.Read(cut, [3]);
        Assert.Single(read.Errors);
        Assert.Contains("ends inside", read.Errors[0].Reason);
        Assert.Contains(read.Items, i => i.StartsWith("event 1 1 0 "));
        Assert.DoesNotContain(read.Items, i => i.StartsWith("event 0 "));
    }

    [Fact]
    public void A_last_line_without_a_newline_is_still_text_and_a_line_starting_with_the_mark_that_is_no_frame_is_text()
    {
        var capture = Captures.Write(writer =>
        {
            writer.WriteText("\u001eEvil 1 2 3"u8);
            writer.WriteBytes("tail"u8);
        });
        var read = Captures.Read(capture, [2]);
        Assert.Empty(read.Errors);
        Assert.Equal(["text " + Convert.ToHexString("\u001eEvil 1 2 3"u8), "text " + Convert.ToHexString("tail"u8)], read.Items[^2..]);
        Assert.Equal(0, read.Events);
    }

    [Theory]
    [InlineData("\u001eB\u0000\u0000\u0001\u0001\u0001\u0001\u0001\u0001\u0001\u0001\u0000\u0000\u0000\u0000\u0000\u0000\n", "before the schema header")]
    [InlineData("\u001eS4 0123456789abcdef 0 \u0001\u0000\n", "version 4 is not supported")]
    [InlineData("\u001eS2 0123456789abcdef 0 \u0001\u0002\n", "version 2 is not supported")]
    [InlineData("\u001eS3 0123456789abcdef 0\n", "a byte-order mark")]
    [InlineData("\u001eS3 0123456789abcdef 0 \u0000\u0001\n", "big-endian")]
    [InlineData("\u001eS3 0123456789abcdef 0 \u0001\u0001\n", "neither 01 00 nor 00 01")]
    [InlineData("\u001eS3 0123456789abcdef 257 \u0001\u0000\n", "a number up to 256")]
    [InlineData("\u001eS3 0123456789abcdef 1 \u0001\u0000\n\u001eT0 A 0123456789abcdef 1 x:float\n", "no known field code")]
    [InlineData("\u001eS3 0123456789abcdef 1 \u0001\u0000\n\u001eT3 A 0123456789abcdef 0\n", "not below the header's type count")]
    [InlineData("\u001eS3 0123456789abcdef 1 \u0001\u0000\n\u001eT0 A 0123456789abcdef 0\n", "does not match its own hash")]
    public void Bad_schema_lines_are_errors_that_say_why(string capture, string reason)
    {
        var read = Captures.Read(Encoding.UTF8.GetBytes(capture));
        Assert.Contains(read.Errors, e => e.Reason.Contains(reason));
    }

    /// <summary>
    /// The output of a module of the unreleased version 1: a header without byte-order mark, a type line, text
    /// (<c>E</c>) frames holding no zero byte, and text.
    /// </summary>
    private static readonly string[] VersionOneLines =
    [
        "\u001eS1 0123456789abcdef 1\n",
        $"\u001eT0 {Captures.Types[1].Item1} {WireHash.OfType(Captures.Types[1].Item1, Captures.Types[1].Item2)} 2 Count:i64 Mask:u64\n",
        "\u001eE0 7 0 1 2\n",
        "plain\n",
        "\u001eE0 8 1 3 4\n",
    ];

    [Fact]
    public void A_version_1_stream_is_another_version_whose_schema_lines_are_damage_and_whose_frames_are_text()
    {
        // Version 1 is read as any version but this runtime's: its header is an error that names the version, its
        // type lines are lost with it, and its frames, which hold no zero byte, are text like any other line.
        var capture = Encoding.UTF8.GetBytes(string.Concat(VersionOneLines));
        foreach (var chunks in new[] { new[] { capture.Length }, [1], [5, 3] })
        {
            var read = Captures.Read(capture, chunks);
            Assert.Equal(
                ["error", "error", .. VersionOneLines[2..].Select(line => "text " + Convert.ToHexString(Encoding.UTF8.GetBytes(line[..^1])))],
                read.Items);
            Assert.Contains("wire format version 1 is not supported", read.Errors[0].Reason);
            Assert.Contains("a schema header that was not accepted", read.Errors[1].Reason);
            Assert.Equal(VersionOneLines[..2].Select(line => (long)Encoding.UTF8.GetByteCount(line)), read.Errors.Select(e => e.Length));
            Assert.Equal(0, read.Events);
        }
    }

    [Fact]
    public void Version_1_schema_lines_and_frames_after_the_schema_are_text()
    {
        var lines = string.Concat(VersionOneLines);
        var capture = Captures.Write(writer => writer.WriteBytes(Encoding.UTF8.GetBytes(lines)));
        var read = Captures.Read(capture, [3]);
        Assert.Empty(read.Errors);
        Assert.Equal(
            VersionOneLines.Select(line => "text " + Convert.ToHexString(Encoding.UTF8.GetBytes(line[..^1]))),
            read.Items.Where(i => i.StartsWith("text ")));
        Assert.Equal(0, read.Events);
    }

    [Fact]
    public void Binary_garbage_is_counted_byte_for_byte_and_the_records_around_it_still_arrive()
    {
        static byte[] Header(int id) => [0x1E, (byte)'B', (byte)id, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        byte[][] garbage =
        [
            [.. Header(9), (byte)'\n'],                                         // undeclared type
            [.. Header(1), .. new byte[16], 0, (byte)'\n'],                      // too short for its fields and check
            [.. Header(0), .. new byte[16], 0xFF, 0xFF, 0xFF, 0x7F, (byte)'\n'], // a string longer than any frame
            [.. Header(0), .. new byte[16], 40, 0, 0, 0, (byte)'\n'],            // its string would swallow the next frames
        ];
        var capture = Captures.Write(writer =>
        {
            Captures.Tick(writer, 1, 0, 1, 1);
            writer.WriteBytes(garbage[0]);
            Captures.Tick(writer, 2, 0, 2, 2);
            writer.WriteBytes(garbage[1]);
            Captures.Tick(writer, 3, 0, 3, 3);
            writer.WriteBytes(garbage[2]);
            Captures.File(writer, 4, 0, 4, 4, "ok"u8.ToArray(), 0, true, OpenKind.Read);
            writer.WriteBytes(garbage[3]);
            Captures.Tick(writer, 5, 0, 5, 5);
            writer.WriteText("\u001eE1 7 0 7 7"u8);                                  // no frame: text
            Captures.Tick(writer, 6, 0, 6, 6);
            writer.WriteText("plain text"u8);
        });

        string[] reasons = ["undeclared type id 9", "TickEvent", "claims 2147483647 bytes", "FileEvent"];
        AssertRecordsAroundGarbageSurvive(capture, errors =>
        {
            Assert.Equal(reasons.Length, errors.Count);
            Assert.All(reasons.Zip(errors), pair => Assert.Contains(pair.First, pair.Second.Reason));
            Assert.Equal(garbage.Select(g => (long)g.Length), errors.Select(e => e.Length));
        });
        Assert.Contains("text " + Convert.ToHexString("\u001eE1 7 0 7 7"u8), Captures.Read(capture).Items);
    }

    [Fact]
    public void Binary_fields_decode_to_the_values_written_at_the_extremes_of_each_type()
    {
        var capture = Captures.Write(writer =>
        {
            Captures.File(writer, long.MaxValue, 65535, long.MinValue, int.MinValue, [0x1E, (byte)'\n', 0xFF], -4095, false, OpenKind.Create);
            Captures.Tick(writer, 0, 0, -1, ulong.MaxValue);
        });
        var read = Captures.Read(capture);
        Assert.Empty(read.Errors);
        Assert.Equal($"event 0 {long.MaxValue} 65535 {long.MinValue},{int.MinValue},bytes:1E0AFF,errno:-4095,False,-3", read.Items[^2]);
        Assert.Equal($"event 1 0 0 -1,{ulong.MaxValue}", read.Items[^1]);
    }

    [Fact]
    public void A_binary_int_field_out_of_range_is_a_decode_error_not_a_wrapped_value()
    {
        var capture = Captures.Write(writer =>
        {
            writer.BeginEvent(0, 1, 0);
            writer.WriteInteger(1);
            writer.WriteInteger((long)int.MaxValue + 1);
            writer.WriteString("p"u8);
            writer.WriteInteger(0);
            writer.WriteInteger(2);
            writer.WriteInteger(1);
            writer.EndEvent();
        });
        var read = Captures.Read(capture);
        Assert.Equal(["undecodable field 1: 2147483648 does not fit an int"], read.Items.Where(i => i.StartsWith("undecodable")));
    }

    [Fact]
    public void A_schema_from_another_stream_decodes_frames_without_a_header()
    {
        var schema = new WireReader();
        var withHeader = new RecordingVisitor();
        schema.Write(Captures.Write(_ => { }), ref withHeader);
        var bulk = Captures.Write(writer => Captures.Tick(writer, 9, 3, 1, 2), schema: false);
        var reader = new WireReader(schema.Schema);
        var visitor = new RecordingVisitor();
        reader.Write(bulk, ref visitor);
        reader.Complete(ref visitor);
        Assert.Equal(["event 1 9 3 1,2"], visitor.Items);
    }
}
