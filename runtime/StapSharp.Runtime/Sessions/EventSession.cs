using System.Runtime.CompilerServices;
using StapSharp.Runtime.Events;
using StapSharp.Runtime.Targets;

namespace StapSharp.Runtime.Sessions;

/// <summary>
/// A module's output as typed events, text lines and staprun messages, read once in one of four forms:
/// <see cref="Events{T}"/> (the records of one type), <see cref="Envelopes{T}"/> (the same with timestamp,
/// cpu, truncation flags and drops), <see cref="DispatchAsync"/> (several types, or every event as a row, to handlers) or
/// <see cref="ReadAllAsync"/> (every item, events without a decoder as <see cref="EventRow"/>s).
/// The run (or the replay of a capture) starts when reading starts; leaving the loop early stops the run
/// gracefully (end probes run). <see cref="Completion"/> gives the counts once the run ended.
/// </summary>
/// <example>
/// <code>
/// await using var events = session.OpenEvents(build, new RunOptions { TimeLimit = TimeSpan.FromSeconds(10) });
/// await foreach (var e in events.Events&lt;MkdirEvent&gt;())
///     Console.WriteLine($"{e.Pid} {e.Path}");
/// var summary = await events.Completion;
/// </code>
/// </example>
public sealed class EventSession : IAsyncDisposable
{
    private readonly Func<RunOutput, CancellationToken, Task<RunResult?>> _source;
    private readonly EventSessionOptions _options;
    private readonly CancellationTokenSource _stop;
    private readonly TaskCompletionSource<EventRunSummary> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private EventPump? _pump;

    internal EventSession(Func<RunOutput, CancellationToken, Task<RunResult?>> source, EventSessionOptions? options, CancellationToken cancel)
    {
        _source = source;
        _options = options ?? new EventSessionOptions();
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
    }

    /// <summary>Reads a saved output stream (a capture, a bulk-mode file) as if a module were running.</summary>
    /// <param name="capture">The bytes; read to the end, left open.</param>
    /// <param name="options">Buffering and decoding options; <see cref="EventSessionOptions.Schema"/> for a stream without a header.</param>
    /// <param name="cancel">Stops the replay.</param>
    public static EventSession FromCapture(Stream capture, EventSessionOptions? options = null, CancellationToken cancel = default) =>
        new(async (output, token) =>
        {
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await capture.ReadAsync(buffer, token).ConfigureAwait(false)) > 0)
            {
                await output.OnOutput(buffer.AsMemory(0, read)).ConfigureAwait(false);
            }

            return null;
        }, options, cancel);

    /// <summary>
    /// The counts once the run ended and every item was handed over (or the reader stopped). Faults when the run
    /// failed to start (for example a missing tool). Never completes if reading never starts.
    /// </summary>
    public Task<EventRunSummary> Completion => _completion.Task;

    /// <summary>
    /// The events of type <typeparamref name="T"/>, decoded by its registered (generated) decoder. Everything
    /// else is counted, not buffered. Drops are in <see cref="EventRunSummary.Dropped"/>; use
    /// <see cref="Envelopes{T}"/> to see where they happened.
    /// </summary>
    /// <exception cref="InvalidOperationException">No decoder is registered for <typeparamref name="T"/>, or the session was already read.</exception>
    /// <exception cref="EventSchemaException">The module was built from another definition of <typeparamref name="T"/>.</exception>
    public async IAsyncEnumerable<T> Events<T>([EnumeratorCancellation] CancellationToken cancel = default)
    {
        await foreach (var envelope in Envelopes<T>(cancel).ConfigureAwait(false))
        {
            yield return envelope.Event;
        }
    }

    /// <summary>
    /// The events of type <typeparamref name="T"/> with their timestamp, cpu, truncated-field flags and the
    /// number of events dropped just before each (a drop after the last event is in <see cref="EventRunSummary.Dropped"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">No decoder is registered for <typeparamref name="T"/>, or the session was already read.</exception>
    /// <exception cref="EventSchemaException">The module was built from another definition of <typeparamref name="T"/>.</exception>
    public async IAsyncEnumerable<EventEnvelope<T>> Envelopes<T>([EnumeratorCancellation] CancellationToken cancel = default)
    {
        RequireDecoder(typeof(T));
        var items = Start(new EventSelection([typeof(T)], AllEvents: false, Text: false, Messages: false, Errors: false));
        long droppedBefore = 0;
        try
        {
            while (await items.WaitToReadAsync(cancel).ConfigureAwait(false))
            {
                while (items.TryRead(out var item))
                {
                    switch (item.Kind)
                    {
                        case RunItemKind.Event:
                            yield return new EventEnvelope<T>((T)item.Event!, item.TimestampNs, item.Cpu, item.TruncatedFields, droppedBefore);
                            droppedBefore = 0;
                            break;
                        case RunItemKind.Dropped:
                            droppedBefore += item.Dropped;
                            break;
                        case RunItemKind.SchemaMismatch:
                            throw item.SchemaError!;
                    }
                }
            }
        }
        finally
        {
            StopReading();
        }
        await _completion.Task.ConfigureAwait(false);
    }

    /// <summary>
    /// Every item in stream order: events (typed when a decoder is registered, <see cref="EventRow"/>s otherwise),
    /// text lines, staprun messages, drops, decode errors and schema mismatches.
    /// </summary>
    /// <exception cref="InvalidOperationException">The session was already read.</exception>
    public IAsyncEnumerable<RunItem> ReadAllAsync(CancellationToken cancel = default) => ReadAsync(EventSelection.Everything, cancel);

    /// <summary>The items <paramref name="selection"/> asks for, in stream order.</summary>
    internal async IAsyncEnumerable<RunItem> ReadAsync(EventSelection selection, [EnumeratorCancellation] CancellationToken cancel = default)
    {
        var items = Start(selection);
        try
        {
            while (await items.WaitToReadAsync(cancel).ConfigureAwait(false))
            {
                while (items.TryRead(out var item))
                {
                    yield return item;
                }
            }
        }
        finally
        {
            StopReading();
        }
        await _completion.Task.ConfigureAwait(false);
    }

    /// <summary>
    /// Reads the whole run, calling <paramref name="handlers"/> in stream order, and returns the counts.
    /// Events of types without a handler, and kinds of items without one, are counted only.
    /// </summary>
    /// <exception cref="InvalidOperationException">A handled type has no registered decoder, or the session was already read.</exception>
    /// <exception cref="EventSchemaException">The module was built from another definition of a handled type.</exception>
    public async Task<EventRunSummary> DispatchAsync(EventHandlers handlers, CancellationToken cancel = default)
    {
        foreach (var type in handlers.ByType.Keys)
        {
            RequireDecoder(type);
        }

        var items = Start(handlers.Selection());
        var dispatch = new HandlerDispatch(handlers);
        try
        {
            while (await items.WaitToReadAsync(cancel).ConfigureAwait(false))
            {
                while (items.TryRead(out var item))
                {
                    await dispatch.HandleAsync(item).ConfigureAwait(false);
                }

                dispatch.CaughtUp();
            }
        }
        finally
        {
            StopReading();
        }
        return await _completion.Task.ConfigureAwait(false);
    }

    /// <summary>Stops the run if it still runs (end probes run) and waits until it ended.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_pump is not null)
        {
            StopReading();
            try { await _completion.Task.ConfigureAwait(false); }
            catch (Exception) { } // the reader saw the failure; disposing does not rethrow it
        }
        _stop.Dispose();
    }

    private RunItemQueue Start(EventSelection selection)
    {
        var pump = new EventPump(selection, _options);
        if (Interlocked.CompareExchange(ref _pump, pump, null) is not null)
        {
            throw new InvalidOperationException("an event session is read once: its output is gone after the first read");
        }

        _ = Task.Run(async () =>
        {
            try { _completion.TrySetResult(await pump.RunAsync(output => _source(output, _stop.Token)).ConfigureAwait(false)); }
            catch (Exception error) { _completion.TrySetException(error); }
        });
        return pump.Items;
    }

    /// <summary>The reader left (done, failed or broke out): stop the run and deliver nothing more.</summary>
    private void StopReading()
    {
        _pump?.ReaderGone();
        if (!_completion.Task.IsCompleted)
        {
            try { _stop.Cancel(); }
            catch (ObjectDisposedException) { }
        }
    }

    internal static void RequireDecoder(Type eventType)
    {
        if (!EventDecoderRegistry.TryGet(eventType, out _))
        {
            throw new InvalidOperationException(
                $"no event decoder is registered for {eventType.FullName}: declare it as an event record in the probe script's " +
                "project so the build generates its decoder, or register one with EventDecoderRegistry.Register");
        }
    }
}
