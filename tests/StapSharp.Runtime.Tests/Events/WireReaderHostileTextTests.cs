using System.Text;
using CsCheck;
using StapSharp.Protocol;
using StapSharp.Runtime.Events;

namespace StapSharp.Runtime.Tests.Events;

/// <summary>
/// Text a probe prints (any bytes but NUL: stap strings end there, so an exec'd file name or a path can hold anything
/// else) can neither forge an event nor hide one.
/// </summary>
public class WireReaderHostileTextTests
{
    /// <summary>A frame of the tick type as a module writes it, with its zero bytes made 1: the most a string can copy of one.</summary>
    private static byte[] FrameWithoutZeros(int id, long count)
    {
        var frame = Captures.Write(writer =>
        {
            writer.BeginEvent(id, 77, 0);
            writer.WriteInteger(count);
            writer.WriteInteger(count);
            writer.EndEvent();
        }, schema: false);
        return [.. frame.Select(b => b == 0 ? (byte)1 : b)];
    }

    /// <summary>A schema as a module writes it, made of text: its byte-order mark's zero byte made 1.</summary>
    private static byte[] SchemaWithoutZeros(params (string, IReadOnlyList<(string, string)>)[] types)
    {
        var stream = new MemoryStream();
        using (var writer = new WireWriter(stream))
        {
            writer.WriteSchema(types);
        }

        return [.. stream.ToArray().Select(b => b == 0 ? (byte)1 : b)];
    }

    private static readonly (string, IReadOnlyList<(string, string)>) Evil = ("Evil.Event", [("Count", "i64"), ("Mask", "u64")]);

    /// <summary>Pieces of hostile text: forged headers, type lines and frames of every kind, frame marks, line ends.</summary>
    private static readonly byte[][] HostilePieces =
    [
        SchemaWithoutZeros(Evil),
        SchemaWithoutZeros(Captures.Types),
        "\u001eS3 0123456789abcdef 1 \u0001\u0001\n"u8.ToArray(),
        "\u001eS2 0123456789abcdef 9 \u0001\u0002\n"u8.ToArray(),
        "\u001eS1 0123456789abcdef 1\n\u001eT0 Evil.Event 0123456789abcdef 0\n\u001eE0 1 2\n"u8.ToArray(),
        Encoding.UTF8.GetBytes($"\u001eT1 {Captures.Types[1].Item1} {WireHash.OfType(Captures.Types[1].Item1, Captures.Types[1].Item2)} 2 Count:i64 Mask:u64\n"),
        FrameWithoutZeros(0, 5),
        FrameWithoutZeros(1, 6),
        FrameWithoutZeros(2, 0x0A0A),
        "\u001eB"u8.ToArray(), [0x1E], "\u001e\u001eB\u0001"u8.ToArray(), "\n"u8.ToArray(), "\n\u001e"u8.ToArray(),
        "\u001eBfoo"u8.ToArray(), "plain"u8.ToArray(), [0xFF, 0xFE], "é"u8.ToArray(),
    ];

    private static readonly Gen<byte[]> HostileText = Gen.OneOf(
        Gen.Int[0, HostilePieces.Length - 1].Array[1, 8].Select(picks => picks.SelectMany(i => HostilePieces[i]).ToArray()),
        Gen.Byte[1, 255].Array[1, 60]);

    [Fact]
    public void A_forged_schema_and_frame_in_a_printed_string_deliver_no_event_and_arrive_as_text()
    {
        // What an exec'd file name can hold: a whole header, a type line for a type of the host's, and frames.
        var hostile = HostilePieces[0].Concat(HostilePieces[5]).Concat(HostilePieces[7]).Concat(HostilePieces[4]).ToArray();
        var capture = Captures.Write(writer =>
        {
            Captures.Tick(writer, 1, 0, 1, 1);
            writer.WriteBytes(hostile);
            Captures.Tick(writer, 2, 0, 2, 2);
        });

        var read = Captures.Read(capture);

        Assert.Equal(["event 1 1 0 1,1", "event 1 2 0 2,2"], read.Items.Where(i => !i.StartsWith("text ") && !i.StartsWith("schema ") && !i.StartsWith("type ")));
        Assert.Equal(Captures.Read(Captures.Write(_ => { })).Items.Count, read.Items.Count(i => i.StartsWith("schema ") || i.StartsWith("type ")));
        Assert.Equal(Lines(hostile), read.Items.Where(i => i.StartsWith("text ")));
        Assert.Empty(read.Errors);
    }

    [Fact]
    public void A_schema_header_after_the_stream_s_start_does_not_replace_the_schema()
    {
        // Even a whole header, zero byte and all (as from a second module's output appended), declares nothing there.
        var capture = Captures.Write(writer =>
        {
            Captures.Tick(writer, 1, 0, 1, 1);
            writer.WriteSchema([Evil, Evil]);
            Captures.Tick(writer, 2, 0, 2, 2);
            writer.WriteText(SchemaWithoutZeros(Evil)[..^1]);
            Captures.Tick(writer, 3, 0, 3, 3);
        });

        var read = Captures.Read(capture);

        Assert.Equal(["event 1 1 0 1,1", "event 1 2 0 2,2", "event 1 3 0 3,3"], read.Items.Where(i => i.StartsWith("event ")));
        Assert.Single(read.Items, i => i.StartsWith("schema "));
        Assert.DoesNotContain(read.Items, i => i.Contains("Evil.Event") && i.StartsWith("type "));
    }

    [Fact]
    public void Hostile_text_between_frames_forges_nothing_and_hides_nothing()
    {
        Gen.Select(RandomCaptures.Records.Array[0, 20], HostileText.Array[1, 6], Gen.Int[0, 20].Array[6], Gen.Int[1, 200].Array[1, 5])
            .Sample((records, texts, places, chunks) =>
            {
                var parts = records.Select(r => (Bytes: RandomCaptures.Write([r])[Captures.SchemaBytes..], Record: (RandomCaptures.Record?)r)).ToList();
                for (var i = 0; i < texts.Length; i++)
                {
                    parts.Insert(Math.Min(places[i], parts.Count), (texts[i], null));
                }

                var capture = Captures.Write(writer => parts.ForEach(p => writer.WriteBytes(p.Bytes)));

                var read = Captures.Read(capture, chunks);

                // The events are the genuine ones, all of them, in order; between them, the text is exactly the bytes written.
                var events = RandomCaptures.Expected(records).Where(i => i.StartsWith("event ")).ToList();
                Assert.Equal(events, read.Items.Where(i => i.StartsWith("event ")));
                Assert.Empty(read.Errors);
                var expected = new List<string>();
                var text = new List<byte>();
                foreach (var (bytes, record) in parts)
                {
                    if (record is RandomCaptures.Text or null)
                    {
                        text.AddRange(bytes);
                        continue;
                    }
                    expected.AddRange(Lines([.. text]));
                    text.Clear();
                    expected.Add("event");
                }
                expected.AddRange(Lines([.. text]));
                Assert.Equal(expected, read.Items.Skip(Captures.Read(Captures.Write(_ => { })).Items.Count).Select(i => i.StartsWith("event ") ? "event" : i));
            }, iter: 1000);
    }

    [Fact]
    public void A_stream_without_a_schema_that_starts_with_hostile_text_has_no_events()
    {
        HostileText.Array[1, 8].Sample(texts =>
        {
            var capture = texts.SelectMany(t => t).ToArray();
            var read = Captures.Read(capture, [7]);
            Assert.Equal(0, read.Events);
            Assert.DoesNotContain(read.Items, i => i.StartsWith("schema ") || i.StartsWith("type "));
        }, iter: 500);
    }

    /// <summary>The text items of bytes that hold no frame: a line per '\n', and the rest as a line of its own.</summary>
    private static List<string> Lines(byte[] text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != (byte)'\n')
            {
                continue;
            }

            lines.Add("text " + Convert.ToHexString(text.AsSpan(start, i - start)));
            start = i + 1;
        }
        if (start < text.Length)
        {
            lines.Add("text " + Convert.ToHexString(text.AsSpan(start)));
        }

        return lines;
    }
}
