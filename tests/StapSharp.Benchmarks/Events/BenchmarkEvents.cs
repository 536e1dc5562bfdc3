using StapSharp.Protocol;
using StapSharp.Runtime.Events;

namespace StapSharp.Benchmarks.Events;

// The records of a typical syscall trace, with hand-written decoders shaped like the generated ones.
// Integer-only records are structs: decoding them allocates nothing.

public readonly record struct SyscallEvent(long Pid, int Number, long Result, long DurationNs);

public readonly record struct SchedEvent(int Cpu, long Previous, long Next, bool Preempted);

public sealed record OpenEvent(long Pid, string Path, Errno Result, int Flags);

/// <summary>The same open event declared as a record struct: what a hot event with a string can cost when it is no class.</summary>
public readonly record struct OpenEventValue(long Pid, string Path, Errno Result, int Flags);

public sealed class SyscallEventDecoder : IEventDecoder<SyscallEvent>
{
    public static readonly (string, string)[] Fields = [("Pid", "i64"), ("Number", "i32"), ("Result", "i64"), ("DurationNs", "i64")];
    public string TypeFullName => typeof(SyscallEvent).FullName!;
    public string TypeHash { get; } = WireHash.OfType(typeof(SyscallEvent).FullName!, Fields);
    public SyscallEvent Decode(ref EventFieldReader fields) => new(fields.ReadInt64(), fields.ReadInt32(), fields.ReadInt64(), fields.ReadInt64());
}

public sealed class SchedEventDecoder : IEventDecoder<SchedEvent>
{
    public static readonly (string, string)[] Fields = [("Cpu", "i32"), ("Previous", "i64"), ("Next", "i64"), ("Preempted", "bool")];
    public string TypeFullName => typeof(SchedEvent).FullName!;
    public string TypeHash { get; } = WireHash.OfType(typeof(SchedEvent).FullName!, Fields);
    public SchedEvent Decode(ref EventFieldReader fields) => new(fields.ReadInt32(), fields.ReadInt64(), fields.ReadInt64(), fields.ReadBoolean());
}

public sealed class OpenEventDecoder : IEventDecoder<OpenEvent>
{
    public static readonly (string, string)[] Fields = [("Pid", "i64"), ("Path", "str"), ("Result", "errno"), ("Flags", "i32")];
    public string TypeFullName => typeof(OpenEvent).FullName!;
    public string TypeHash { get; } = WireHash.OfType(typeof(OpenEvent).FullName!, Fields);
    public OpenEvent Decode(ref EventFieldReader fields) => new(fields.ReadInt64(), fields.ReadString(), fields.ReadErrno(), fields.ReadInt32());
}

/// <summary>Decodes the capture's open frames (same fields) into <see cref="OpenEventValue"/>.</summary>
public sealed class OpenEventValueDecoder : IEventDecoder<OpenEventValue>
{
    public string TypeFullName => typeof(OpenEventValue).FullName!;
    public string TypeHash { get; } = WireHash.OfType(typeof(OpenEventValue).FullName!, OpenEventDecoder.Fields);
    public OpenEventValue Decode(ref EventFieldReader fields) => new(fields.ReadInt64(), fields.ReadString(), fields.ReadErrno(), fields.ReadInt32());
}

/// <summary>Generates the benchmark capture: 60% syscalls, 10% scheduler switches, 25% opens, 5% text lines.</summary>
internal static class BenchmarkCapture
{
    private static readonly string[] Paths = Enumerable.Range(0, 64)
        .Select(i => (i % 4) switch
        {
            0 => $"/usr/lib/x86_64-linux-gnu/lib{i}.so.6",
            1 => $"/proc/{1000 + i}/status",
            2 => $"/home/user/project/src/module{i}/file.cs",
            _ => $"/tmp/t{i}",
        }).ToArray();

    public static (string, IReadOnlyList<(string, string)>)[] Types =>
    [
        (typeof(SyscallEvent).FullName!, SyscallEventDecoder.Fields),
        (typeof(SchedEvent).FullName!, SchedEventDecoder.Fields),
        (typeof(OpenEvent).FullName!, OpenEventDecoder.Fields),
    ];

    /// <summary>
    /// Writes the same events twice, as modules write them (the wire format) and as a text rendering for the naive
    /// decoder (one line per event, as a printf-based script would print it), until the capture has at least
    /// <paramref name="bytes"/> bytes; returns the event count.
    /// </summary>
    public static long Write(string capturePath, string textPath, long bytes)
    {
        using var captureFile = new FileStream(capturePath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        using var textFile = new FileStream(textPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        using var wire = new WireWriter(captureFile);
        var text = new NaiveText(textFile);
        wire.WriteSchema(Types);
        var random = new Random(42);
        long events = 0;
        var ts = 1_700_000_000_000_000_000L;
        while (captureFile.Length < bytes)
        {
            for (var i = 0; i < 10_000; i++)
            {
                ts += random.Next(1, 5000);
                var cpu = random.Next(0, 16);
                var pick = random.Next(100);
                if (pick < 5)
                {
                    var line = System.Text.Encoding.ASCII.GetBytes($"tick {ts} cpu {cpu}");
                    wire.WriteText(line);
                    text.Line(line);
                    continue;
                }
                events++;
                if (pick < 65)
                {
                    long[] fields = [random.Next(1, 4_000_000), random.Next(0, 450), random.Next(-40, 100_000), random.Next(100, 5_000_000)];
                    WriteIntegers(wire, text, 0, ts, cpu, fields);
                }
                else if (pick < 75)
                {
                    long[] fields = [cpu, random.Next(1, 4_000_000), random.Next(1, 4_000_000), random.Next(2)];
                    WriteIntegers(wire, text, 1, ts, cpu, fields);
                }
                else
                {
                    var pid = random.Next(1, 4_000_000);
                    var path = System.Text.Encoding.UTF8.GetBytes(Paths[random.Next(Paths.Length)]);
                    var result = -random.Next(0, 3) * 2;
                    var flags = random.Next(0, 0x8000);
                    wire.BeginEvent(2, ts, cpu);
                    wire.WriteInteger(pid);
                    wire.WriteString(path);
                    wire.WriteInteger(result);
                    wire.WriteInteger(flags);
                    wire.EndEvent();
                    text.Event(2, ts, cpu, pid, path, result, flags);
                }
            }
            wire.Flush();
            text.Flush();
        }
        return events;
    }

    private static void WriteIntegers(WireWriter wire, NaiveText text, int type, long ts, int cpu, long[] fields)
    {
        wire.BeginEvent(type, ts, cpu);
        foreach (var field in fields)
        {
            wire.WriteInteger(field);
        }

        wire.EndEvent();
        text.Event(type, ts, cpu, fields);
    }

    /// <summary>
    /// The text rendering the naive decoder reads: <c>\x1eE&lt;type&gt; &lt;ts&gt; &lt;cpu&gt;</c> and the fields in
    /// decimal, each after a space, a string as <c>&lt;length&gt;:&lt;bytes&gt;</c>; other lines are text.
    /// </summary>
    private sealed class NaiveText(Stream output)
    {
        private readonly StreamWriter _writer = new(output, new System.Text.UTF8Encoding(false), 1 << 16);

        public void Line(byte[] line) => _writer.Write(System.Text.Encoding.UTF8.GetString(line) + "\n");

        public void Event(int type, long ts, int cpu, params object[] fields)
        {
            _writer.Write($"\u001eE{type} {ts} {cpu}");
            foreach (var field in fields)
            {
                switch (field)
                {
                    case byte[] bytes:
                        _writer.Write($" {bytes.Length}:{System.Text.Encoding.UTF8.GetString(bytes)}");
                        break;
                    case long[] values:
                        foreach (var value in values)
                        {
                            _writer.Write($" {value}");
                        }

                        break;
                    default:
                        _writer.Write($" {field}");
                        break;
                }
            }
            _writer.Write('\n');
        }

        public void Flush() => _writer.Flush();
    }
}
