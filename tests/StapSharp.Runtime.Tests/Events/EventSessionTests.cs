using System.Text;
using StapSharp.Protocol;
using StapSharp.Runtime.Events;
using StapSharp.Runtime.Sessions;
using StapSharp.Runtime.Targets;

namespace StapSharp.Runtime.Tests.Events;

/// <summary>A record whose registered decoder was generated for another definition than the module's.</summary>
public sealed record StaleEvent(long Value);

public sealed class StaleEventDecoder : IEventDecoder<StaleEvent>
{
    public string TypeFullName => typeof(StaleEvent).FullName!;
    public string TypeHash => WireHash.OfType(TypeFullName, [("Value", "i64")]);
    public StaleEvent Decode(ref EventFieldReader fields) => new(fields.ReadInt64());
}

public class EventSessionTests
{
    static EventSessionTests()
    {
        EventDecoderRegistry.Register(new FileEventDecoder());
        EventDecoderRegistry.Register(new TickEventDecoder());
        EventDecoderRegistry.Register(new StaleEventDecoder());
    }

    private static EventSession Replay(byte[] capture, EventSessionOptions? options = null) =>
        EventSession.FromCapture(new MemoryStream(capture), options);

    /// <summary>A source that hands the bytes over in small chunks and adds staprun messages.</summary>
    private static EventSession Run(byte[] output, string[] messages, int chunk = 7, EventSessionOptions? options = null,
        TaskCompletionSource? written = null) =>
        new(async (sink, _) =>
        {
            foreach (var message in messages)
            {
                await sink.OnMessage(message);
            }

            foreach (var piece in output.Chunk(chunk))
            {
                await sink.OnOutput(piece);
            }

            written?.TrySetResult();
            return new RunResult(0, false, false, TimeSpan.Zero, TimeSpan.Zero);
        }, options, CancellationToken.None);

    private static byte[] Mixed() => Captures.Write(writer =>
    {
        writer.WriteText("starting"u8);
        Captures.File(writer, 10, 1, 100, 7, "/tmp/a\nb"u8.ToArray(), -17, false, OpenKind.Create);
        Captures.Tick(writer, 11, 2, 1, 2);
        writer.WriteBytes([0x1E, (byte)'B', 1, 0, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, .. new byte[16], 0, (byte)'\n']); // a byte more than its fields
        Captures.File(writer, 13, 3, 101, 8, Encoding.ASCII.GetBytes(new string('p', 511)), 0, true, OpenKind.Read);
        writer.WriteText("done"u8);
    });

    [Fact]
    public async Task Typed_events_of_one_type_arrive_in_order_and_everything_is_counted()
    {
        await using var session = Replay(Mixed());
        var files = new List<FileEvent>();
        await foreach (var e in session.Events<FileEvent>())
        {
            files.Add(e);
        }

        var summary = await session.Completion;

        Assert.Equal([new FileEvent(100, 7, "/tmp/a\nb", new Errno(-17), false, OpenKind.Create), new FileEvent(101, 8, new string('p', 511), new Errno(0), true, OpenKind.Read)], files);
        Assert.Equal(2, summary.EventsByType[typeof(FileEvent).FullName!]);
        Assert.Equal(1, summary.EventsByType[typeof(TickEvent).FullName!]); // framed, not read: counted only
        Assert.Equal(2, summary.TextLines);
        Assert.Equal(1, summary.DecodeErrors);
        Assert.Null(summary.Run);
    }

    [Fact]
    public async Task Envelopes_carry_timestamp_cpu_and_the_truncation_flag()
    {
        await using var session = Replay(Mixed());
        var envelopes = new List<EventEnvelope<FileEvent>>();
        await foreach (var e in session.Envelopes<FileEvent>())
        {
            envelopes.Add(e);
        }

        Assert.Equal([(10L, 1), (13L, 3)], envelopes.Select(e => (e.TimestampNs, e.Cpu)));
        Assert.False(envelopes[0].IsTruncated(2));
        Assert.True(envelopes[1].IsTruncated(2)); // 511 bytes: MAXSTRINGLEN - 1
        Assert.All(envelopes, e => Assert.Equal(0, e.DroppedBefore));
    }

    [Fact]
    public async Task Dispatch_calls_each_handler_in_stream_order_and_counts_decode_errors()
    {
        var seen = new List<string>();
        await using var session = Run(Mixed(), ["WARNING: careful"]);
        var summary = await session.DispatchAsync(new EventHandlers()
            .On<FileEvent>(e => seen.Add($"file {e.Pid}"))
            .OnEnvelope<TickEvent>(e => seen.Add($"tick {e.Event.Count} cpu{e.Cpu}"))
            .OnText(line => seen.Add($"text {line}"))
            .OnMessage(line => seen.Add($"message {line}"))
            .OnDecodeError(reason => seen.Add("error")));

        Assert.Equal(["message WARNING: careful", "text starting", "file 100", "tick 1 cpu2", "error", "file 101", "text done"], seen);
        Assert.Equal(1, summary.DecodeErrors);
        Assert.Contains("TickEvent", summary.DecodeErrorSamples.Single());
        Assert.Equal(1, summary.EventsByType[typeof(TickEvent).FullName!]);
        Assert.Equal(1, summary.Messages);
        Assert.Equal(0, summary.Run!.ExitCode);
    }

    [Fact]
    public async Task Rows_take_every_event_from_the_module_s_schema_whatever_decoders_are_registered_after_the_schema()
    {
        var seen = new List<string>();
        await using var session = Replay(Mixed());
        var summary = await session.DispatchAsync(new EventHandlers()
            .OnSchema(schema => seen.Add($"schema {string.Join(" ", schema.Types.Select(t => t!.FullName[(t.FullName.LastIndexOf('.') + 1)..]))}"))
            .OnRow(row => seen.Add($"{row.Type.FullName[(row.Type.FullName.LastIndexOf('.') + 1)..]} @{row.TimestampNs} {row.Values[0]}"))
            .OnText(line => seen.Add($"text {line}")));

        Assert.Equal(["schema FileEvent TickEvent RenameEvent", "text starting", "FileEvent @10 100", "TickEvent @11 1", "FileEvent @13 101", "text done"], seen);
        Assert.Equal((3L, 1L), (summary.Events, summary.DecodeErrors));
    }

    [Fact]
    public async Task Rows_exclude_typed_handlers()
    {
        await using var session = Replay(Mixed());
        await Assert.ThrowsAsync<InvalidOperationException>(() => session.DispatchAsync(new EventHandlers().OnRow(_ => { }).On<TickEvent>(_ => { })));
    }

    [Fact]
    public async Task Caught_up_comes_once_the_handlers_took_what_each_read_of_the_output_brought()
    {
        var chunks = new[] { Captures.Write(writer => Captures.Tick(writer, 1, 0, 1, 0)), Captures.Write(writer => Captures.Tick(writer, 2, 0, 2, 0), schema: false) };
        var caughtUp = new SemaphoreSlim(0);
        await using var session = new EventSession(async (sink, _) =>
        {
            foreach (var chunk in chunks)
            {
                await sink.OnOutput(chunk);
                await caughtUp.WaitAsync(TimeSpan.FromMinutes(1)); // the next read only once the handlers took this one's events
            }
            return null;
        }, new EventSessionOptions { MaxWaitWhenFull = Timeout.InfiniteTimeSpan }, CancellationToken.None);
        var ticks = new List<long>();
        var whenCaughtUp = new List<string>();

        await session.DispatchAsync(new EventHandlers().On<TickEvent>(e => ticks.Add(e.Count)).OnCaughtUp(() =>
        {
            whenCaughtUp.Add(string.Join(",", ticks));
            caughtUp.Release();
        }));

        Assert.Equal(["1", "1,2"], whenCaughtUp.Distinct());
    }

    [Fact]
    public async Task SystemTap_s_warnings_errors_and_lost_records_among_the_messages_are_counted()
    {
        await using var session = Run([], [
            "WARNING: There were 3 transport failures. Try stap -s to increase the buffer size from 16.",
            "ERROR: MAXACTION exceeded near identifier 'x' at /tmp/a.stp:3:5",
            "staprun: some other line",
            "WARNING: There were 2 transport failures. Try stap -s to increase the buffer size from 16.",
        ]);

        var summary = await session.DispatchAsync(new EventHandlers());

        Assert.Equal((4L, 2L, 1L, 5L), (summary.Messages, summary.StapWarnings, summary.StapErrors, summary.TransportFailures));
    }

    [Fact]
    public void A_summary_then_another_adds_the_counts_and_keeps_the_order_of_types_and_samples()
    {
        var first = new EventRunSummary(null, new Dictionary<string, long> { ["A"] = 1, ["B"] = 0 }, 1, 2, 1, ["a"], 3, 4) { StapWarnings = 1, TransportFailures = 2 };
        var next = new EventRunSummary(null, new Dictionary<string, long> { ["C"] = 5, ["A"] = 2 }, 10, 20, 2, ["b", "c"], 30, 40) { StapErrors = 7 };

        var both = first.Then(next);

        Assert.Equal([("A", 3L), ("B", 0L), ("C", 5L)], both.EventsByType.Select(e => (e.Key, e.Value)));
        Assert.Equal((11L, 22L, 3L, 33L, 44L), (both.TextLines, both.Messages, both.DecodeErrors, both.Dropped, both.LostBytes));
        Assert.Equal(["a", "b", "c"], both.DecodeErrorSamples);
        Assert.Equal((1L, 7L, 2L), (both.StapWarnings, both.StapErrors, both.TransportFailures));
    }

    [Fact]
    public async Task Read_all_gives_rows_for_types_without_a_decoder()
    {
        var capture = Captures.Write(writer =>
        {
            writer.WriteSchema([("Other.Unknown", [("Name", "str"), ("Size", "u64")])]);
            writer.BeginEvent(0, 5, 0);
            writer.WriteString("x y"u8);
            writer.WriteInteger(-1);
            writer.EndEvent();
        }, schema: false);
        await using var session = Replay(capture);
        var items = new List<RunItem>();
        await foreach (var item in session.ReadAllAsync())
        {
            items.Add(item);
        }

        var row = Assert.IsType<EventRow>(Assert.Single(items).Event);
        Assert.Equal("Other.Unknown", row.Type.FullName);
        Assert.Equal("x y", row["Name"]);
        Assert.Equal(ulong.MaxValue, row["Size"]);
    }

    [Fact]
    public async Task A_decoder_built_for_another_definition_is_a_clear_error_never_a_wrong_event()
    {
        var capture = Captures.Write(writer =>
        {
            // The module's StaleEvent has a second field the program's decoder does not know.
            writer.WriteSchema([(typeof(StaleEvent).FullName!, [("Value", "i64"), ("Extra", "i64")])]);
            writer.BeginEvent(0, 1, 0);
            writer.WriteInteger(1);
            writer.WriteInteger(2);
            writer.EndEvent();
        }, schema: false);

        await using (var session = Replay(capture))
        {
            var error = await Assert.ThrowsAsync<EventSchemaException>(async () =>
            {
                await foreach (var _ in session.Events<StaleEvent>()) { }
            });
            Assert.Contains(typeof(StaleEvent).FullName!, error.Message);
            Assert.Contains("rebuild the module", error.Message);
        }

        await using (var session = Replay(capture))
        {
            var items = new List<RunItem>();
            await foreach (var item in session.ReadAllAsync())
            {
                items.Add(item);
            }

            Assert.Equal([RunItemKind.SchemaMismatch, RunItemKind.Event], items.Select(i => i.Kind));
            var row = Assert.IsType<EventRow>(items[1].Event); // decoded from the module's own schema
            Assert.Equal([1L, 2L], row.Values);
        }
    }

    [Fact]
    public async Task A_slow_reader_slows_the_run_down_without_losing_anything_when_waiting_is_unbounded()
    {
        var capture = Captures.Write(writer =>
        {
            for (var i = 0; i < 5000; i++)
            {
                Captures.Tick(writer, i, 0, i, 0);
            }
        });
        await using var session = Run(capture, [], chunk: 4096,
            options: new EventSessionOptions { Capacity = 2, MaxWaitWhenFull = Timeout.InfiniteTimeSpan });
        var counts = new List<long>();
        await foreach (var e in session.Envelopes<TickEvent>())
        {
            Assert.Equal(0, e.DroppedBefore);
            counts.Add(e.Event.Count);
            if (counts.Count % 100 == 0)
            {
                await Task.Yield();
            }
        }
        Assert.Equal(Enumerable.Range(0, 5000).Select(i => (long)i), counts);
        Assert.Equal(0, (await session.Completion).Dropped);
    }

    [Fact]
    public async Task A_stalled_reader_gets_the_dropped_count_as_data_in_order_and_in_the_summary()
    {
        const int total = 1000, capacity = 4;
        var capture = Captures.Write(writer =>
        {
            for (var i = 0; i < total; i++)
            {
                Captures.Tick(writer, i, 0, i, 0);
            }
        });
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var session = Run(capture, [], chunk: 512,
            options: new EventSessionOptions { Capacity = capacity, MaxWaitWhenFull = TimeSpan.Zero }, written: written);
        var delivered = new List<long>();
        var dropNotices = new List<long>();
        var summary = await session.DispatchAsync(new EventHandlers()
            .OnEnvelopeAsync<TickEvent>(async e =>
            {
                delivered.Add(e.Event.Count);
                if (delivered.Count == 1)
                {
                    await written.Task; // stall until the whole run was produced
                }
            })
            .OnDropped(dropNotices.Add));

        Assert.Equal(total, delivered.Count + dropNotices.Sum());
        Assert.Equal(dropNotices.Sum(), summary.Dropped);
        Assert.True(summary.Dropped >= total - capacity - 2, $"only {summary.Dropped} dropped");
        Assert.Equal(delivered.Order(), delivered);              // what arrived is in order
        Assert.Equal(total, summary.EventsByType[typeof(TickEvent).FullName!]);
    }

    [Fact]
    public async Task Leaving_the_loop_early_stops_the_run()
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var capture = Captures.Write(writer => Captures.Tick(writer, 1, 0, 1, 0));
        await using var session = new EventSession(async (sink, token) =>
        {
            await sink.OnOutput(capture);
            await Task.Delay(Timeout.Infinite, token).ContinueWith(_ => { });
            stopped.SetResult();
            return new RunResult(0, false, true, TimeSpan.Zero, TimeSpan.Zero);
        }, null, CancellationToken.None);

        await foreach (var _ in session.Events<TickEvent>())
        {
            break;
        }

        await stopped.Task;
        await session.Completion;
    }

    [Fact]
    public async Task A_session_is_read_once_and_a_type_without_a_decoder_is_refused()
    {
        await using var session = Replay(Mixed());
        await foreach (var _ in session.Events<FileEvent>()) { }
        await Assert.ThrowsAsync<InvalidOperationException>(async () => { await foreach (var _ in session.Events<TickEvent>()) { } });
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => { await foreach (var _ in Replay([]).Events<string>()) { } });
        Assert.Contains("no event decoder is registered for System.String", error.Message);
    }

    [Fact]
    public async Task Lost_bytes_are_in_the_summary_and_every_decode_error_says_how_many()
    {
        var damaged = Captures.Write(writer => Captures.Tick(writer, 5, 0, 5, 5), schema: false);
        damaged[^1] = (byte)'x';
        var capture = Captures.Write(writer =>
        {
            Captures.Tick(writer, 4, 0, 4, 4);
            writer.WriteBytes(damaged);
            Captures.Tick(writer, 6, 0, 6, 6);
        });
        await using var session = Replay(capture);
        var errors = new List<string>();
        var ticks = new List<long>();
        var summary = await session.DispatchAsync(new EventHandlers().On<TickEvent>(e => ticks.Add(e.Count)).OnDecodeError(errors.Add));

        Assert.Equal([4L, 6L], ticks);
        Assert.Equal(damaged.Length, summary.LostBytes);
        Assert.Equal(1, summary.DecodeErrors);
        Assert.Contains($"({damaged.Length} bytes lost)", Assert.Single(errors));
    }

    [Fact]
    public async Task A_damaged_type_line_fails_the_typed_read_of_a_type_that_may_be_the_lost_one_and_spares_the_others()
    {
        var capture = Captures.Write(writer =>
        {
            Captures.Tick(writer, 1, 0, 1, 1);
            Captures.File(writer, 2, 0, 7, 1, "/p"u8.ToArray(), 0, true, OpenKind.Read);
        });
        var at = capture.AsSpan().IndexOf("Count:i64"u8);
        capture[at + "Count:".Length] = (byte)'j';

        await using (var session = Replay(capture))
        {
            var error = await Assert.ThrowsAsync<EventSchemaException>(async () => { await foreach (var _ in session.Events<TickEvent>()) { } });
            Assert.Contains("schema arrived damaged", error.Message);
            Assert.Contains(typeof(TickEvent).FullName!, error.Message);
        }
        await using (var session = Replay(capture))
        {
            var files = new List<FileEvent>();
            await foreach (var e in session.Events<FileEvent>())
            {
                files.Add(e);
            }

            Assert.Single(files);
            var summary = await session.Completion;
            Assert.Equal(2, summary.DecodeErrors);  // the type line and the tick
        }
    }

    [Fact]
    public async Task A_bulk_file_read_with_another_file_s_schema_may_start_with_the_same_schema_but_not_another()
    {
        var schema = WireReader.SchemaAtStart(Captures.Write(_ => { }));
        Assert.NotNull(schema);
        var same = Captures.Write(writer => Captures.Tick(writer, 1, 0, 1, 1));
        await using (var session = Replay(same, new EventSessionOptions { Schema = schema }))
        {
            var summary = await session.DispatchAsync(new EventHandlers().On<TickEvent>(_ => { }));
            Assert.Equal((1L, 0L), (summary.Events, summary.DecodeErrors));
        }

        var other = Captures.Write(writer =>
        {
            writer.WriteSchema([Captures.Types[1]]);
            Captures.Tick(writer, 2, 0, 2, 2);
        }, schema: false);
        await using (var session = Replay(other, new EventSessionOptions { Schema = schema }))
        {
            var summary = await session.DispatchAsync(new EventHandlers().On<TickEvent>(_ => { }));
            Assert.Equal(1, summary.Events);  // decoded with the schema given: id 1 is the tick
            Assert.Contains("another schema", summary.DecodeErrorSamples[0]);
        }
    }
}
