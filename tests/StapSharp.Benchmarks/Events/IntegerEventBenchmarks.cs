using BenchmarkDotNet.Attributes;
using StapSharp.Runtime.Events;

namespace StapSharp.Benchmarks.Events;

/// <summary>
/// Allocation per event for records without strings: one million integer-only events (an in-memory
/// capture, as modules write it, read 64 KiB at a time) through WireReader and a typed decoder. Allocated / 1,000,000 is the cost per event.
/// </summary>
[MemoryDiagnoser]
public class IntegerEventBenchmarks
{
    private const int Events = 1_000_000;
    private byte[] _capture = [];

    [GlobalSetup]
    public void Setup()
    {
        var stream = new MemoryStream();
        using (var writer = new WireWriter(stream))
        {
            writer.WriteSchema([(typeof(SyscallEvent).FullName!, SyscallEventDecoder.Fields)]);
            for (var i = 0; i < Events; i++)
            {
                writer.BeginEvent(0, 1_700_000_000_000_000_000L + i, i & 7);
                writer.WriteInteger(1000 + (i & 4095));
                writer.WriteInteger(i % 450);
                writer.WriteInteger(i - 40);
                writer.WriteInteger(i * 3L);
                writer.EndEvent();
            }
        }
        _capture = stream.ToArray();
    }

    [Benchmark(Description = "1M integer-only events, WireReader + typed decoder")]
    public long DecodeIntegers()
    {
        var reader = new WireReader();
        var visitor = new SumVisitor(new SyscallEventDecoder());
        for (var offset = 0; offset < _capture.Length; offset += 1 << 16)
        {
            reader.Write(_capture.AsSpan(offset, Math.Min(1 << 16, _capture.Length - offset)), ref visitor);
        }

        reader.Complete(ref visitor);
        if (visitor.Events != Events)
        {
            throw new InvalidOperationException($"decoded {visitor.Events} of {Events}");
        }

        return visitor.Sum;
    }

    private struct SumVisitor(SyscallEventDecoder decoder) : IWireVisitor
    {
        public long Events;
        public long Sum;

        public void OnText(ReadOnlySpan<byte> line) { }
        public void OnSchemaHeader(WireSchema schema) { }
        public void OnTypeDeclared(WireType type) { }
        public void OnError(WireError error) { }

        public void OnEvent(WireType type, long timestampNs, int cpu, ReadOnlySpan<byte> fields)
        {
            var reader = new EventFieldReader(fields);
            var e = decoder.Decode(ref reader);
            Sum += e.Pid + e.DurationNs + timestampNs;
            Events++;
        }
    }
}
