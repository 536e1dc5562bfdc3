using System.Text;
using CsCheck;
using StapSharp.Runtime.Events;
using StapSharp.Runtime.Tests.Events;
using StapSharp.Tests.Shared;
using Capture = StapSharp.Runtime.Tests.Events.Captures;

namespace StapSharp.Runtime.Tests.Fuzz;

/// <summary>
/// Hostile text between genuine event frames, as a probe prints it (<c>Println(s)</c>, or <c>Print(s)</c>
/// with no line end so the next frame starts mid-line): the reader must never throw, and must deliver
/// exactly the genuine events, in order: none forged from the text, none lost to it, however the
/// capture is cut into chunks or blocks. The text is the shared hostile corpus
/// (tests/Shared/HostileStrings.cs), plus a copy of a valid frame made by another writer of the same
/// schema. Only the public reader API and the captures' own writer are used, so the properties hold
/// for any correct decoder of the format.
/// </summary>
public sealed class HostileTextDecoderTests
{
    private const int Trials = 300;
    private const ulong CiSeed = 0x2014_dec0;

    /// <summary>One thing in a capture: a genuine record written by the module, or text a probe printed.</summary>
    private abstract record Item;

    private sealed record Genuine(RandomCaptures.Record Record) : Item;

    /// <summary>Printed text: a line (with '\n') or, when <paramref name="LineEnd"/> is false, text the next record continues.</summary>
    private sealed record Printed(string Name, byte[] Bytes, bool LineEnd) : Item;

    private static readonly Gen<RandomCaptures.Record> GenuineEvents = RandomCaptures.Records.Where(r => r is not RandomCaptures.Text);

    private static Gen<Item> Corpus(Func<HostileString, bool> which)
    {
        var entries = HostileStrings.All.Where(which).ToList();
        return Gen.Select(Gen.Int[0, entries.Count - 1], Gen.Bool,
            (i, lineEnd) => (Item)new Printed(entries[i].Name, Encoding.UTF8.GetBytes(entries[i].Value), lineEnd));
    }

    /// <summary>A genuine frame as another writer of the same schema writes it: the format is public, the bytes are a valid frame.</summary>
    private static readonly Gen<Item> CopiedFrame =
        GenuineEvents.Select(record => (Item)new Printed("copied-frame", FrameBytes(record), LineEnd: false));

    private static Gen<Item[]> CapturesWith(Gen<Item> hostile) =>
        Gen.Frequency((3, GenuineEvents.Select(r => (Item)new Genuine(r))), (1, RandomCaptures.Records.Select(r => (Item)new Genuine(r))), (2, hostile)).Array[1, 30];

    [Fact]
    public void Printed_hostile_text_without_a_frame_mark_adds_or_loses_no_event() =>
        Run(Gen.Select(CapturesWith(Corpus(h => !h.Value.Contains('\u001e'))), Gen.Int[1, 500].Array[1, 8]), CiSeed, t =>
        {
            var (items, chunks) = t;
            var read = Capture.Read(Write(items), chunks).Items.Where(IsEvent).ToList();
            Assert.Equal(Ordered(items).Where(IsEvent).ToList(), read);
        }, t => Describe(t.Item1));

    [Fact]
    public void The_parallel_reader_reads_hostile_captures_as_one_reader_does() =>
        Run(Gen.Select(CapturesWith(Gen.OneOf(Corpus(_ => true), CopiedFrame)), Gen.Int[64, 4096], Gen.Int[1, 4]), CiSeed + 1, t =>
        {
            var (items, blockBytes, degree) = t;
            var capture = Write(items);
            var sequential = Capture.Read(capture);
            var parallel = ParallelWireReader.Read(capture, () => new RecordingVisitor(),
                new ParallelWireReaderOptions { BlockBytes = blockBytes, MaxDegreeOfParallelism = degree });
            Assert.Equal(sequential.Items, parallel.Blocks.SelectMany(b => b.Items).ToList());
        }, t => Describe(t.Item1));

    /// <summary>The property on the run's samples (<see cref="FuzzRun"/>: fixed in CI); a failure is shrunk and reported with its seed.</summary>
    private static void Run<T>(Gen<T> gen, ulong ciSeed, Action<T> property, Func<T, string> print)
    {
        foreach (var sample in FuzzRun.For(ciSeed, Trials).Batches(gen, Trials).SelectMany(batch => batch))
        {
            try
            {
                property(sample.Value);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                FuzzRun.Shrink(gen, sample.Seed, property, print);
                throw new InvalidOperationException($"sample seed {sample.Seed} (replay: STAPSHARP_FUZZ_SEED={sample.Seed}) failed, but not when shrunk:\n{print(sample.Value)}", e);
            }
        }
    }

    private static bool IsEvent(string item) => item.StartsWith("event ", StringComparison.Ordinal) || item.StartsWith("undecodable ", StringComparison.Ordinal);

    /// <summary>What the reader must report for the genuine records, in stream order.</summary>
    private static IEnumerable<string> Ordered(Item[] items) =>
        RandomCaptures.Expected(items.OfType<Genuine>().Select(g => g.Record));

    private static byte[] Write(Item[] items) => Capture.Write(writer =>
    {
        foreach (var item in items)
        {
            switch (item)
            {
                case Genuine g:
                    RandomCaptures.WriteRecord(writer, g.Record);
                    break;
                case Printed { LineEnd: true } p:
                    writer.WriteText(p.Bytes);
                    break;
                case Printed p:
                    writer.WriteBytes(p.Bytes);
                    break;
            }
        }
    });

    /// <summary>The bytes of one record's frame, from a writer of its own (after its schema lines).</summary>
    private static byte[] FrameBytes(RandomCaptures.Record record)
    {
        var schemaOnly = Capture.Write(_ => { }).Length;
        return Capture.Write(writer => RandomCaptures.WriteRecord(writer, record))[schemaOnly..];
    }

    private static string Describe(Item[] items) => string.Join("\n", items.Select(item => item switch
    {
        Genuine g => "genuine " + g.Record,
        Printed p => $"{(p.LineEnd ? "Println" : "Print")}({p.Name}: {Convert.ToHexString(p.Bytes.Take(64).ToArray())}{(p.Bytes.Length > 64 ? "…" : "")})",
        _ => item.ToString()!,
    }));
}
