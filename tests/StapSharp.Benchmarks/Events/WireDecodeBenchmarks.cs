using System.Diagnostics;
using System.Text;
using BenchmarkDotNet.Attributes;
using StapSharp.Protocol;
using StapSharp.Runtime.Events;
using StapSharp.Runtime.Sessions;

namespace StapSharp.Benchmarks.Events;

/// <summary>
/// Decoding a ≥ 1 GB capture of mixed events and text, side by side: `cat FILE > /dev/null` (the raw read
/// baseline), the wire decoder (WireReader + typed decoders) on one core and on all cores (ParallelWireReader),
/// the reader alone on one core and on all cores (what splitting costs without decoding), both on one core again
/// with the frame checks not verified (what the check costs the host), a session (the one-core decoder plus the bounded
/// queue and handlers) and a naive ReadLine + Split decoder. The events are written twice: as modules write them
/// (the StapSharp rows read it) and as a text rendering, one line per event as a printf-based script would print
/// them (the naive decoder reads it). Both are generated once into the temp directory and reused by later runs
/// (delete stapsharp-bench-events-* to regenerate).
/// </summary>
[MemoryDiagnoser]
public class WireDecodeBenchmarks
{
    private const long CaptureBytes = 1L << 30;
    private static readonly string CapturePath = Path.Combine(Path.GetTempPath(), $"stapsharp-bench-events-v{WireFormat.Version}-{CaptureBytes}.wire");
    private static readonly string TextCapturePath = Path.Combine(Path.GetTempPath(), $"stapsharp-bench-events-v{WireFormat.Version}-{CaptureBytes}.naive.txt");
    private static readonly string CountPath = CapturePath + ".events";

    /// <summary>Events in the capture (for events/s and bytes per event).</summary>
    public long Events { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        if (!File.Exists(CapturePath) || !File.Exists(TextCapturePath) || !File.Exists(CountPath) || new FileInfo(CapturePath).Length < CaptureBytes)
        {
            var events = BenchmarkCapture.Write(CapturePath + ".tmp", TextCapturePath + ".tmp", CaptureBytes);
            File.Move(CapturePath + ".tmp", CapturePath, overwrite: true);
            File.Move(TextCapturePath + ".tmp", TextCapturePath, overwrite: true);
            File.WriteAllText(CountPath, events.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        Events = long.Parse(File.ReadAllText(CountPath), System.Globalization.CultureInfo.InvariantCulture);
        EventDecoderRegistry.Register(new SyscallEventDecoder());
        EventDecoderRegistry.Register(new SchedEventDecoder());
        EventDecoderRegistry.Register(new OpenEventDecoder());
        Console.WriteLine($"// capture: {new FileInfo(CapturePath).Length} bytes, text rendering {new FileInfo(TextCapturePath).Length} bytes, {Events} events");
    }

    [Benchmark(Baseline = true, Description = "cat FILE > /dev/null")]
    public int RawRead() => Cat(CapturePath);

    private static int Cat(string path)
    {
        using var cat = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", $"cat '{path}' > /dev/null"]) { UseShellExecute = false })!;
        cat.WaitForExit();
        return cat.ExitCode;
    }

    [Benchmark(Description = "WireReader + typed decoders")]
    public long Decoder() => OneCore(CapturePath, NewDecodingVisitor());

    [Benchmark(Description = "WireReader + typed decoders, frame checks not verified")]
    public long DecoderWithoutChecks() => OneCore(CapturePath, NewDecodingVisitor(), verifiesChecks: false);

    [Benchmark(Description = "WireReader alone, nothing decoded")]
    public long SplitOnly() => OneCore(CapturePath, new CountingVisitor());

    [Benchmark(Description = "WireReader alone, nothing decoded, frame checks not verified")]
    public long SplitOnlyWithoutChecks() => OneCore(CapturePath, new CountingVisitor(), verifiesChecks: false);

    [Benchmark(Description = "ParallelWireReader + typed decoders (all cores)")]
    public long ParallelDecoder() => AllCores(CapturePath, NewDecodingVisitor);

    [Benchmark(Description = "ParallelWireReader + typed decoders (all cores), open events as record structs")]
    public long ParallelStructDecoder() =>
        AllCores(CapturePath, () => new DecodingVisitor<OpenValues>(new(), new(), new(new())));

    [Benchmark(Description = "ParallelWireReader alone, nothing decoded (all cores)")]
    public long ParallelSplitOnly() => AllCores(CapturePath, () => new CountingVisitor());

    private static DecodingVisitor<OpenRecords> NewDecodingVisitor() => new(new(), new(), new(new()));

    /// <summary>
    /// Reads <paramref name="path"/> on one core through a 1 MiB buffer; without <paramref name="verifiesChecks"/>, as a
    /// reader that takes every frame's check on trust (what verifying them costs is the difference).
    /// </summary>
    private long OneCore<TVisitor>(string path, TVisitor visitor, bool verifiesChecks = true) where TVisitor : ITallyVisitor
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        new WireReader { VerifiesChecks = verifiesChecks }.ReadToEnd(file, ref visitor, 1 << 20);
        return Checked(visitor.Events, visitor.Errors, visitor.Checksum);
    }

    /// <summary>Reads <paramref name="path"/> on every core, one visitor per block.</summary>
    private long AllCores<TVisitor>(string path, Func<TVisitor> createVisitor) where TVisitor : ITallyVisitor
    {
        long events = 0, errors = 0, checksum = 0;
        foreach (var block in ParallelWireReader.Read(path, createVisitor).Blocks)
        {
            events += block.Events;
            errors += block.Errors;
            checksum += block.Checksum;
        }
        return Checked(events, errors, checksum);
    }

    /// <summary>A run that lost or spoiled a single event measured nothing worth reporting.</summary>
    private long Checked(long events, long errors, long checksum) =>
        events == Events && errors == 0 ? checksum : throw new InvalidOperationException($"read {events} of {Events} events, {errors} errors");

    [Benchmark(Description = "EventSession (queue, handlers)")]
    public long Session()
    {
        using var file = new FileStream(CapturePath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        return SessionAsync(file).GetAwaiter().GetResult();
    }

    private async Task<long> SessionAsync(Stream file)
    {
        long checksum = 0;
        await using var session = EventSession.FromCapture(file, new EventSessionOptions { MaxWaitWhenFull = Timeout.InfiniteTimeSpan });
        var summary = await session.DispatchAsync(new EventHandlers()
            .On<SyscallEvent>(e => checksum += e.Pid + e.Result)
            .On<SchedEvent>(e => checksum += e.Next)
            .On<OpenEvent>(e => checksum += e.Path.Length + e.Result.Value));
        if (summary.Events != Events || summary.DecodeErrors != 0)
        {
            throw new InvalidOperationException($"decoded {summary.Events} of {Events} events, {summary.DecodeErrors} errors");
        }

        return checksum;
    }

    [Benchmark(Description = "naive ReadLine + Split, text rendering")]
    public long Naive()
    {
        using var reader = new StreamReader(TextCapturePath, Encoding.UTF8, false, 1 << 16);
        long checksum = 0, events = 0;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length < 2 || line[0] != '\u001e' || line[1] != 'E')
            {
                continue;
            }

            var parts = line.Split(' ');
            var id = int.Parse(parts[0].AsSpan(2));
            _ = long.Parse(parts[1]);
            _ = int.Parse(parts[2]);
            events++;
            switch (id)
            {
                case 0:
                    var syscall = new SyscallEvent(long.Parse(parts[3]), int.Parse(parts[4]), long.Parse(parts[5]), long.Parse(parts[6]));
                    checksum += syscall.Pid + syscall.Result;
                    break;
                case 1:
                    var sched = new SchedEvent(int.Parse(parts[3]), long.Parse(parts[4]), long.Parse(parts[5]), parts[6] == "1");
                    checksum += sched.Next;
                    break;
                default:
                    var colon = parts[4].IndexOf(':');
                    var open = new OpenEvent(long.Parse(parts[3]), parts[4][(colon + 1)..], new Errno(long.Parse(parts[5])), int.Parse(parts[6]));
                    checksum += open.Path.Length + open.Result.Value;
                    break;
            }
        }
        if (events != Events)
        {
            throw new InvalidOperationException($"decoded {events} of {Events} events");
        }

        return checksum;
    }

    /// <summary>A visitor that counts what it read and sums something of it, so the result can be checked.</summary>
    private interface ITallyVisitor : IWireVisitor
    {
        long Events { get; }
        long Errors { get; }
        long Checksum { get; }
    }

    /// <summary>Counts the frames the reader splits out, without decoding their fields: what splitting alone costs.</summary>
    private struct CountingVisitor : ITallyVisitor
    {
        public long Events { get; private set; }
        public long Errors { get; private set; }
        public readonly long Checksum => Events;

        public readonly void OnText(ReadOnlySpan<byte> line) { }
        public readonly void OnSchemaHeader(WireSchema schema) { }
        public readonly void OnTypeDeclared(WireType type) { }
        public void OnError(WireError error) => Errors++;
        public void OnEvent(WireType type, long timestampNs, int cpu, ReadOnlySpan<byte> fields) => Events++;
    }

    /// <summary>Decodes each event with its typed decoder, as a generated program would, and sums a few fields.</summary>
    /// <remarks>The open events' part is a struct type argument, so each variant gets code of its own with direct calls.</remarks>
    private struct DecodingVisitor<TOpens>(SyscallEventDecoder syscalls, SchedEventDecoder scheds, TOpens opens) : ITallyVisitor
        where TOpens : struct, IOpenTally
    {
        public long Events { get; private set; }
        public long Errors { get; private set; }
        public long Checksum { get; private set; }

        public readonly void OnText(ReadOnlySpan<byte> line) { }
        public readonly void OnSchemaHeader(WireSchema schema) { }
        public readonly void OnTypeDeclared(WireType type) { }
        public void OnError(WireError error) => Errors++;

        public void OnEvent(WireType type, long timestampNs, int cpu, ReadOnlySpan<byte> fields)
        {
            var reader = new EventFieldReader(fields);
            Events++;
            switch (type.Id)
            {
                case 0:
                    var syscall = syscalls.Decode(ref reader);
                    Checksum += syscall.Pid + syscall.Result;
                    break;
                case 1:
                    Checksum += scheds.Decode(ref reader).Next;
                    break;
                default:
                    Checksum += opens.Decode(ref reader);
                    break;
            }
        }
    }

    /// <summary>Decodes an open event into a record and sums what the checks use of it.</summary>
    private interface IOpenTally
    {
        long Decode(ref EventFieldReader reader);
    }

    /// <summary>Open events as class records (one allocation each).</summary>
    private readonly struct OpenRecords(OpenEventDecoder decoder) : IOpenTally
    {
        public long Decode(ref EventFieldReader reader)
        {
            var open = decoder.Decode(ref reader);
            return open.Path.Length + open.Result.Value;
        }
    }

    /// <summary>Open events as record structs.</summary>
    private readonly struct OpenValues(OpenEventValueDecoder decoder) : IOpenTally
    {
        public long Decode(ref EventFieldReader reader)
        {
            var open = decoder.Decode(ref reader);
            return open.Path.Length + open.Result.Value;
        }
    }
}
