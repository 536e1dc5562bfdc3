using System.Text.Unicode;
using CsCheck;
using StapSharp.Protocol;
using StapSharp.Runtime.Events;

namespace StapSharp.Runtime.Tests.Events;

/// <summary>Random captures and what a reader must report for them (shared by the one-reader and parallel tests).</summary>
public static class RandomCaptures
{
    public abstract record Record;
    public sealed record Text(byte[] Bytes) : Record;
    public sealed record File(long Ts, int Cpu, long Pid, int Mode, byte[] Path, long Result, bool Ok, OpenKind Kind) : Record;
    public sealed record Tick(long Ts, int Cpu, long Count, ulong Mask) : Record;
    public sealed record Rename(long Ts, int Cpu, byte[] From, long Flags, byte[] To) : Record;

    private static Gen<T> OneOfValues<T>(params T[] values) => Gen.Int[0, values.Length - 1].Select(i => values[i]);

    private static readonly Gen<byte> HostileByte = Gen.OneOf(
        OneOfValues((byte)'\n', (byte)0x1E, (byte)' ', (byte)':', (byte)'\r', (byte)'-', (byte)'7', (byte)0xFF, (byte)0xC3, (byte)0xA9),
        Gen.Int[1, 255].Select(i => (byte)i));

    /// <summary>Text lines, events with hostile string fields (any byte but NUL: line breaks, the frame mark, invalid UTF-8) and integer-only events.</summary>
    public static readonly Gen<Record> Records = Gen.OneOf<Record>(
        HostileByte.Where(b => b != (byte)'\n').Array[0, 40].Where(b => b.Length == 0 || b[0] != WireFormat.FrameMark).Select(b => (Record)new Text(b)),
        Gen.Select(Gen.Long[0, long.MaxValue], Gen.Int[0, 255], Gen.Long, Gen.Int, HostileByte.Array[0, 600], Gen.Long[-4095, 0], Gen.Bool,
            OneOfValues(OpenKind.Read, OpenKind.Write, OpenKind.Create),
            (ts, cpu, pid, mode, path, result, ok, kind) => (Record)new File(ts, cpu, pid, mode, path, result, ok, kind)),
        Gen.Select(Gen.Long[0, long.MaxValue], Gen.Int[0, 4095], Gen.Long, Gen.ULong, (ts, cpu, count, mask) => (Record)new Tick(ts, cpu, count, mask)),
        Gen.Select(Gen.Long[0, long.MaxValue], Gen.Int[0, 4095], HostileByte.Array[0, 100], Gen.Long, HostileByte.Array[0, 100],
            (ts, cpu, from, flags, to) => (Record)new Rename(ts, cpu, from, flags, to)));

    public static byte[] Write(IEnumerable<Record> records) => Captures.Write(writer =>
    {
        foreach (var record in records)
        {
            WriteRecord(writer, record);
        }
    });

    public static void WriteRecord(WireWriter writer, Record record)
    {
        switch (record)
        {
            case Text text: writer.WriteText(text.Bytes); break;
            case File f: Captures.File(writer, f.Ts, f.Cpu, f.Pid, f.Mode, f.Path, f.Result, f.Ok, f.Kind); break;
            case Tick t: Captures.Tick(writer, t.Ts, t.Cpu, t.Count, t.Mask); break;
            case Rename r: Captures.Rename(writer, r.Ts, r.Cpu, r.From, r.Flags, r.To); break;
        }
    }

    /// <summary>What <see cref="RecordingVisitor"/> must report for <paramref name="records"/>, schema lines first.</summary>
    public static List<string> Expected(IEnumerable<Record> records)
    {
        var schema = Captures.Read(Captures.Write(_ => { })).Items;
        return schema.Concat(records.Select(record => record switch
        {
            Text text => "text " + Convert.ToHexString(text.Bytes),
            File f => $"event 0 {f.Ts} {f.Cpu} {f.Pid},{f.Mode},{Show(f.Path)}," +
                      $"errno:{f.Result},{f.Ok},{(long)f.Kind}",
            Tick t => $"event 1 {t.Ts} {t.Cpu} {t.Count},{t.Mask}",
            Rename r => $"event 2 {r.Ts} {r.Cpu} {Show(r.From)},{r.Flags},{Show(r.To)}",
            _ => throw new InvalidOperationException(),
        })).ToList();
    }

    /// <summary>A string field as <see cref="RecordingVisitor"/> shows it: as text when it is valid UTF-8, else as bytes.</summary>
    private static string Show(byte[] value) => (Utf8.IsValid(value) ? "str:" : "bytes:") + Convert.ToHexString(value);
}
