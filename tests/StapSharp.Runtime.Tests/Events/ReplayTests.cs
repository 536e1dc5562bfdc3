using System.Text;
using StapSharp.Protocol;
using StapSharp.Runtime.Events;
using StapSharp.Runtime.Sessions;

namespace StapSharp.Runtime.Tests.Events;

/// <summary>
/// A capture generated while it is read (no memory or disk for it): ticks, file events with hostile
/// strings, and text lines, with a running checksum of every field it wrote.
/// </summary>
internal sealed class GeneratedCapture : Stream
{
    private readonly long _events;
    private readonly MemoryStream _staging = new();
    private readonly WireWriter _writer;
    private long _written;
    private ulong _state = 0x9E3779B97F4A7C15;

    public GeneratedCapture(long events)
    {
        _events = events;
        _writer = new WireWriter(_staging);
        _writer.WriteSchema([(typeof(TickEvent).FullName!, TickEventDecoder.Fields), (typeof(BlobEvent).FullName!, BlobEventDecoder.Fields)]);
        _writer.Flush();
        _staging.Position = 0;
    }

    public ulong Checksum { get; private set; }
    public long Ticks { get; private set; }
    public long Files { get; private set; }
    public long TextLines { get; private set; }

    public override int Read(Span<byte> buffer)
    {
        if (_staging.Position == _staging.Length)
        {
            if (_written == _events)
            {
                return 0;
            }

            _staging.SetLength(0);
            for (var i = 0; i < 4096 && _written < _events; i++)
            {
                WriteOne();
            }

            _writer.Flush();
            _staging.Position = 0;
        }
        return _staging.Read(buffer);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    private void WriteOne()
    {
        var random = Next();
        var ts = (long)(Next() >> 1);
        var cpu = (int)(random % 64);
        if (random % 97 == 0)
        {
            _writer.WriteText(Encoding.ASCII.GetBytes($"line {_written}"));
            TextLines++;
        }
        if (random % 10 == 0)
        {
            var path = new byte[(int)((random >> 8) % 40)];
            for (var i = 0; i < path.Length; i++)
            {
                path[i] = (byte)(1 + Next() % 255); // any byte but NUL: '\n', '\x1e', invalid UTF-8 ...
            }

            var pid = (long)Next();
            var result = -(long)(random % 130);
            var ok = (random & 2) != 0;
            _writer.BeginEvent(1, ts, cpu);
            _writer.WriteInteger(pid);
            _writer.WriteInteger((int)random);
            _writer.WriteString(path);
            _writer.WriteInteger(result);
            _writer.WriteInteger(ok ? 1 : 0);
            _writer.EndEvent();
            Checksum = Blob(Checksum, ts, cpu, pid, (int)random, path, result, ok);
            Files++;
        }
        else
        {
            var count = (long)Next();
            var mask = Next();
            _writer.BeginEvent(0, ts, cpu);
            _writer.WriteInteger(count);
            _writer.WriteInteger(unchecked((long)mask));
            _writer.EndEvent();
            Checksum = Tick(Checksum, ts, cpu, count, mask);
            Ticks++;
        }
        _written++;
    }

    public static ulong Mix(ulong hash, ulong value) => (hash ^ value) * 0x100000001B3UL + 0x9E37UL;

    public static ulong Tick(ulong hash, long ts, int cpu, long count, ulong mask) =>
        Mix(Mix(Mix(Mix(hash, (ulong)ts), (ulong)cpu), (ulong)count), mask);

    public static ulong Blob(ulong hash, long ts, int cpu, long pid, int mode, ReadOnlySpan<byte> path, long result, bool ok) =>
        Mix(Mix(Mix(Mix(Mix(Mix(Mix(hash, (ulong)ts), (ulong)cpu), (ulong)pid), (ulong)mode), Fnv(path)), (ulong)result), ok ? 1UL : 0UL);

    public static ulong Fnv(ReadOnlySpan<byte> bytes)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }

    private ulong Next()
    {
        _state ^= _state << 13;
        _state ^= _state >> 7;
        _state ^= _state << 17;
        return _state;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>An event that keeps its string's exact bytes (a decoder may use ReadStringBytes).</summary>
public sealed record BlobEvent(long Pid, int Mode, byte[] Path, Errno Result, bool Ok);

public sealed class BlobEventDecoder : IEventDecoder<BlobEvent>
{
    public static readonly (string Name, string Code)[] Fields = [("Pid", "i64"), ("Mode", "i32"), ("Path", "str"), ("Result", "errno"), ("Ok", "bool")];
    public string TypeFullName => typeof(BlobEvent).FullName!;
    public string TypeHash => WireHash.OfType(TypeFullName, Fields);

    public BlobEvent Decode(ref EventFieldReader fields) =>
        new(fields.ReadInt64(), fields.ReadInt32(), fields.ReadStringBytes().ToArray(), fields.ReadErrno(), fields.ReadBoolean());
}

public class ReplayTests
{
    static ReplayTests()
    {
        EventDecoderRegistry.Register(new BlobEventDecoder());
        EventDecoderRegistry.Register(new TickEventDecoder());
    }

    [Fact]
    public async Task Ten_million_events_replayed_through_a_session_arrive_all_with_every_field_intact()
    {
        const long total = 10_000_000;
        var capture = new GeneratedCapture(total);
        await using var session = EventSession.FromCapture(capture, new EventSessionOptions { MaxWaitWhenFull = Timeout.InfiniteTimeSpan });
        ulong checksum = 0;
        long ticks = 0, files = 0, lines = 0;
        var summary = await session.DispatchAsync(new EventHandlers()
            .OnEnvelope<TickEvent>(e =>
            {
                checksum = GeneratedCapture.Tick(checksum, e.TimestampNs, e.Cpu, e.Event.Count, e.Event.Mask);
                ticks++;
            })
            .OnEnvelope<BlobEvent>(e =>
            {
                checksum = GeneratedCapture.Blob(checksum, e.TimestampNs, e.Cpu, e.Event.Pid, e.Event.Mode, e.Event.Path, e.Event.Result.Value, e.Event.Ok);
                files++;
            })
            .OnText(_ => lines++));

        Assert.Equal(total, ticks + files);
        Assert.Equal((capture.Ticks, capture.Files, capture.TextLines), (ticks, files, lines));
        Assert.Equal(0, summary.DecodeErrors);
        Assert.Equal(0, summary.Dropped);
        Assert.Equal(total, summary.Events);
        Assert.Equal(capture.Checksum, checksum);
    }
}
