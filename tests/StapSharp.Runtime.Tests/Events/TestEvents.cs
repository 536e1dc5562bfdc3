using StapSharp.Protocol;
using StapSharp.Runtime.Events;

namespace StapSharp.Runtime.Tests.Events;

public enum OpenKind : short { Read = 1, Write = 2, Create = -3 }

/// <summary>An event with strings: its frames end where the string lengths say.</summary>
public sealed record FileEvent(long Pid, int Mode, string Path, Errno Result, bool Ok, OpenKind Kind);

/// <summary>An integer-only event: its frames have one length.</summary>
public sealed record TickEvent(long Count, ulong Mask);

/// <summary>An event with two strings: the end of the first says where the second's length is.</summary>
public sealed record RenameEvent(string From, long Flags, string To);

/// <summary>The hand-written equivalent of the decoders the compiler generates.</summary>
public sealed class FileEventDecoder : IEventDecoder<FileEvent>
{
    public static readonly (string Name, string Code)[] Fields =
        [("Pid", "i64"), ("Mode", "i32"), ("Path", "str"), ("Result", "errno"), ("Ok", "bool"), ("Kind", "enum:StapSharp.Runtime.Tests.Events.OpenKind")];

    public string TypeFullName => typeof(FileEvent).FullName!;
    public string TypeHash { get; init; } = WireHash.OfType(typeof(FileEvent).FullName!, Fields);

    public FileEvent Decode(ref EventFieldReader fields) =>
        new(fields.ReadInt64(), fields.ReadInt32(), fields.ReadString(), fields.ReadErrno(), fields.ReadBoolean(), fields.ReadEnum<OpenKind>());
}

public sealed class RenameEventDecoder : IEventDecoder<RenameEvent>
{
    public static readonly (string Name, string Code)[] Fields = [("From", "str"), ("Flags", "i64"), ("To", "str")];

    public string TypeFullName => typeof(RenameEvent).FullName!;
    public string TypeHash => WireHash.OfType(typeof(RenameEvent).FullName!, Fields);

    public RenameEvent Decode(ref EventFieldReader fields) => new(fields.ReadString(), fields.ReadInt64(), fields.ReadString());
}

public sealed class TickEventDecoder : IEventDecoder<TickEvent>
{
    public static readonly (string Name, string Code)[] Fields = [("Count", "i64"), ("Mask", "u64")];

    public string TypeFullName => typeof(TickEvent).FullName!;
    public string TypeHash => WireHash.OfType(typeof(TickEvent).FullName!, Fields);

    public TickEvent Decode(ref EventFieldReader fields) => new(fields.ReadInt64(), fields.ReadUInt64());
}

/// <summary>Everything a reader reported, in order, with the event fields decoded generically.</summary>
public sealed class RecordingVisitor : IWireVisitor
{
    public List<string> Items { get; } = [];
    public List<WireError> Errors { get; } = [];
    public int Events { get; private set; }

    /// <summary>The frames' and text lines' lengths (a line's without its '\n'), in order with the errors: where each record lay.</summary>
    public List<(bool Frame, int Length)> Records { get; } = [];

    /// <summary>Bytes the reader reported lost.</summary>
    public long LostBytes => Errors.Sum(e => e.Length);

    public void OnText(ReadOnlySpan<byte> line)
    {
        Records.Add((false, line.Length));
        Items.Add("text " + Convert.ToHexString(line));
    }

    public void OnSchemaHeader(WireSchema schema) => Items.Add($"schema {schema.ScriptHash} {schema.TypeCount}");
    public void OnTypeDeclared(WireType type) => Items.Add($"type {type.Id} {type.FullName} {type.Hash}");

    public void OnEvent(WireType type, long timestampNs, int cpu, ReadOnlySpan<byte> fields)
    {
        Records.Add((true, WireFormat.HeaderBytes + fields.Length + WireFormat.CheckBytes + 1));
        Events++;
        try
        {
            var row = EventRow.Decode(type, timestampNs, cpu, fields);
            Items.Add($"event {type.Id} {timestampNs} {cpu} " + string.Join(",", row.Values.Select(Show)));
        }
        catch (EventFormatException e)
        {
            Items.Add("undecodable " + e.Message);
        }
    }

    public void OnError(WireError error)
    {
        Errors.Add(error);
        Items.Add("error");
    }

    private static string Show(object? value) => value switch
    {
        byte[] bytes => "bytes:" + Convert.ToHexString(bytes),
        string text => "str:" + Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(text)),
        Errno errno => "errno:" + errno.Value,
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
    };
}

/// <summary>Helpers to write captures.</summary>
public static class Captures
{
    public static readonly (string, IReadOnlyList<(string, string)>)[] Types =
        [
            (typeof(FileEvent).FullName!, FileEventDecoder.Fields),
            (typeof(TickEvent).FullName!, TickEventDecoder.Fields),
            (typeof(RenameEvent).FullName!, RenameEventDecoder.Fields),
        ];

    public static byte[] Write(Action<WireWriter> body, bool schema = true)
    {
        var stream = new MemoryStream();
        using (var writer = new WireWriter(stream))
        {
            if (schema)
            {
                writer.WriteSchema(Types);
            }

            body(writer);
        }
        return stream.ToArray();
    }

    public static void File(WireWriter writer, long ts, int cpu, long pid, int mode, byte[] path, long result, bool ok, OpenKind kind)
    {
        writer.BeginEvent(0, ts, cpu);
        writer.WriteInteger(pid);
        writer.WriteInteger(mode);
        writer.WriteString(path);
        writer.WriteInteger(result);
        writer.WriteInteger(ok ? 1 : 0);
        writer.WriteInteger((long)kind);
        writer.EndEvent();
    }

    public static void Tick(WireWriter writer, long ts, int cpu, long count, ulong mask)
    {
        writer.BeginEvent(1, ts, cpu);
        writer.WriteInteger(count);
        writer.WriteInteger(unchecked((long)mask));
        writer.EndEvent();
    }

    public static void Rename(WireWriter writer, long ts, int cpu, byte[] from, long flags, byte[] to)
    {
        writer.BeginEvent(2, ts, cpu);
        writer.WriteString(from);
        writer.WriteInteger(flags);
        writer.WriteString(to);
        writer.EndEvent();
    }

    /// <summary>The bytes of the schema lines <see cref="Write"/> puts first.</summary>
    public static int SchemaBytes => Write(_ => { }).Length;

    /// <summary>Reads <paramref name="capture"/> cut into chunks of the given sizes (cycled).</summary>
    public static RecordingVisitor Read(byte[] capture, IReadOnlyList<int> chunkSizes) => Read(capture, chunkSizes, out _);

    /// <summary>As <see cref="Read(byte[], IReadOnlyList{int})"/>, with the reader that read it.</summary>
    public static RecordingVisitor Read(byte[] capture, IReadOnlyList<int> chunkSizes, out WireReader reader)
    {
        reader = new WireReader();
        var visitor = new RecordingVisitor();
        var position = 0;
        for (var i = 0; position < capture.Length; i++)
        {
            var size = Math.Min(Math.Max(1, chunkSizes[i % chunkSizes.Count]), capture.Length - position);
            reader.Write(capture.AsSpan(position, size), ref visitor);
            position += size;
        }
        reader.Complete(ref visitor);
        return visitor;
    }

    public static RecordingVisitor Read(byte[] capture) => Read(capture, [capture.Length + 1]);
}
