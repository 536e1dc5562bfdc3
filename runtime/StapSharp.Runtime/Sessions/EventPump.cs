using StapSharp.Protocol.StapMessages;
using StapSharp.Runtime.Events;
using StapSharp.Runtime.Targets;

namespace StapSharp.Runtime.Sessions;

/// <summary>
/// The producing side of an <see cref="EventSession"/>: splits the run's output bytes, decodes the events
/// the reader asked for, counts everything, and hands items to a bounded <see cref="RunItemQueue"/> with backpressure up to
/// <see cref="EventSessionOptions.MaxWaitWhenFull"/>, then drops and reports the dropped count in order.
/// </summary>
internal sealed class EventPump : IWireVisitor
{
    /// <summary>How the events of one declared type are handled.</summary>
    private sealed class TypeRoute(WireType type)
    {
        public WireType Type { get; } = type;
        public RegisteredDecoder? Decoder { get; set; }
        public bool Rows { get; set; }
        public long Count { get; set; }
    }

    private readonly EventSelection _selection;
    private readonly HashSet<Type> _wantedTypes;
    private readonly EventSessionOptions _options;
    private readonly RunItemQueue _queue;
    private readonly WireReader _reader;
    private readonly List<RunItem> _batch = [];
    private readonly Dictionary<string, long> _finishedCounts = new(StringComparer.Ordinal);
    private readonly List<string> _errorSamples = [];
    private readonly CancellationTokenSource _readerGone = new();
    private TypeRoute?[] _routes = [];
    private WireSchema? _schema;
    private bool _schemaDelivered;
    private long _textLines;
    private long _messages;
    private long _stapWarnings;
    private long _stapErrors;
    private long _transportFailures;
    private long _skippedProbes;
    private long _decodeErrors;
    private long _lostBytes;
    private long _dropped;
    private long _droppedPending;
    private bool _overflowing;

    public EventPump(EventSelection selection, EventSessionOptions options)
    {
        _selection = selection;
        _wantedTypes = [.. selection.Types];
        _options = options;
        _queue = new RunItemQueue(options.Capacity);
        _reader = new WireReader(options.Schema, options.MaxRecordBytes);
        if (options.Schema is { } schema)
        {
            _schema = schema;
            foreach (var type in schema.Types)
            {
                if (type is not null)
                {
                    OnTypeDeclared(type);
                }
            }

            DeliverSchemaWhenComplete();
        }
    }

    public RunItemQueue Items => _queue;

    public RunOutput Output => new(OnOutputAsync, OnMessageAsync);

    /// <summary>The reader stopped reading: nothing more is delivered (or waited for); counting goes on.</summary>
    public void ReaderGone() => _readerGone.Cancel();

    /// <summary>Runs <paramref name="source"/> through the pump, then delivers what is pending and completes the queue.</summary>
    public async Task<EventRunSummary> RunAsync(Func<RunOutput, Task<RunResult?>> source)
    {
        RunResult? result;
        try
        {
            result = await source(Output).ConfigureAwait(false);
            var self = this;
            _reader.Complete(ref self);
            await DeliverBatchAsync().ConfigureAwait(false);
            if (_droppedPending > 0 && !_readerGone.IsCancellationRequested)
            {
                // The run is over: the last drop count waits for the reader however long it takes.
                if (_queue.TryWrite(RunItem.ForDropped(_droppedPending)) ||
                    (await _queue.WaitForRoomAsync(_readerGone.Token).ConfigureAwait(false) && _queue.TryWrite(RunItem.ForDropped(_droppedPending))))
                {
                    _droppedPending = 0;
                }
            }
            _queue.Complete();
        }
        catch (Exception error)
        {
            _queue.Complete(error);
            throw;
        }
        return Summary(result);
    }

    private async ValueTask OnOutputAsync(ReadOnlyMemory<byte> chunk)
    {
        Split(chunk.Span);
        await DeliverBatchAsync().ConfigureAwait(false);
    }

    private void Split(ReadOnlySpan<byte> chunk)
    {
        var self = this;
        _reader.Write(chunk, ref self);
    }

    private async ValueTask OnMessageAsync(string line)
    {
        _messages++;
        if (StapMessageClassifier.Classify(line) is { } message)
        {
            if (message.IsError)
            {
                _stapErrors++;
            }
            else
            {
                _stapWarnings++;
            }

            _transportFailures += message.TransportFailureCount ?? 0;
            _skippedProbes += message.SkippedProbeCount ?? 0;
        }
        if (_selection.Messages)
        {
            await DeliverAsync(RunItem.ForMessage(line)).ConfigureAwait(false);
            _queue.Publish();
        }
    }

    void IWireVisitor.OnText(ReadOnlySpan<byte> line)
    {
        _textLines++;
        if (_selection.Text)
        {
            _batch.Add(RunItem.ForText(line.ToArray()));
        }
    }

    void IWireVisitor.OnSchemaHeader(WireSchema schema)
    {
        RetireRoutes();
        _routes = new TypeRoute?[schema.TypeCount];
        _schema = schema;
        _schemaDelivered = false;
        DeliverSchemaWhenComplete();
    }

    void IWireVisitor.OnTypeDeclared(WireType type)
    {
        OnTypeDeclared(type);
        DeliverSchemaWhenComplete();
    }

    /// <summary>A schema is delivered once, when its last type has arrived (never when a type line was damaged).</summary>
    private void DeliverSchemaWhenComplete()
    {
        if (_selection.Schemas && !_schemaDelivered && _schema is { } schema && schema.Types.All(t => t is not null))
        {
            _schemaDelivered = true;
            _batch.Add(RunItem.ForSchema(schema));
        }
    }

    void IWireVisitor.OnSchemaEnd(WireSchema schema)
    {
        var unreadable = Enumerable.Range(0, schema.TypeCount).Where(id => schema[id] is null).ToList();
        if (unreadable.Count == 0)
        {
            return;
        }
        // A damaged type line hides which type it declared: every type read here that did not arrive may be that one.
        var arrived = schema.Types.Where(t => t is not null).Select(t => t!.FullName).ToHashSet(StringComparer.Ordinal);
        foreach (var wanted in _wantedTypes)
        {
            if (EventDecoderRegistry.TryGet(wanted, out var decoder) && !arrived.Contains(decoder.TypeFullName))
            {
                _batch.Add(RunItem.ForSchemaMismatch(EventSchemaException.Damaged(decoder.TypeFullName, decoder.TypeHash, unreadable)));
            }
        }
    }

    private void OnTypeDeclared(WireType type)
    {
        if (_routes.Length <= type.Id)
        {
            Array.Resize(ref _routes, type.Id + 1);
        }

        if (_routes[type.Id] is { } previous)
        {
            Retire(previous);
        }

        var route = new TypeRoute(type);
        _routes[type.Id] = route;
        if (_selection.Rows)
        {
            route.Rows = true;
            return;
        }
        if (!EventDecoderRegistry.TryGet(type.FullName, out var decoder))
        {
            route.Rows = _selection.AllEvents;
            return;
        }
        var wanted = _selection.AllEvents || _wantedTypes.Contains(decoder.EventType);
        if (decoder.TypeHash != type.Hash)
        {
            // Never decode with a decoder built for another definition; the module's own schema still reads it.
            if (wanted)
            {
                _batch.Add(RunItem.ForSchemaMismatch(new EventSchemaException(type.FullName, type.Hash, decoder.TypeHash)));
            }

            route.Rows = _selection.AllEvents;
            return;
        }
        route.Decoder = wanted ? decoder : null;
    }

    void IWireVisitor.OnEvent(WireType type, long timestampNs, int cpu, ReadOnlySpan<byte> fields)
    {
        var route = _routes[type.Id]!;
        if (route.Decoder is { } decoder)
        {
            var reader = new EventFieldReader(fields, _options.MaxStringLength);
            object record;
            try
            {
                record = decoder.Decode(ref reader);
                if (!reader.AtEnd)
                {
                    throw new EventFormatException($"more fields than its {reader.FieldsRead}");
                }
            }
            catch (EventFormatException error)
            {
                CountError($"{type.FullName}: {error.Message}");
                return;
            }
            route.Count++;
            _batch.Add(RunItem.ForEvent(record, type, timestampNs, cpu, reader.TruncatedFields));
            return;
        }
        if (route.Rows)
        {
            EventRow row;
            try { row = EventRow.Decode(type, timestampNs, cpu, fields, _options.MaxStringLength); }
            catch (EventFormatException error)
            {
                CountError($"{type.FullName}: {error.Message}");
                return;
            }
            route.Count++;
            _batch.Add(RunItem.ForEvent(row, type, timestampNs, cpu, row.TruncatedFields));
            return;
        }
        route.Count++;
    }

    void IWireVisitor.OnError(WireError error)
    {
        _lostBytes += error.Length;
        CountError(error.ToString());
    }

    private void CountError(string reason)
    {
        _decodeErrors++;
        if (_errorSamples.Count < _options.ErrorSamples)
        {
            _errorSamples.Add(reason);
        }

        if (_selection.Errors)
        {
            _batch.Add(RunItem.ForDecodeError(reason));
        }
    }

    private async ValueTask DeliverBatchAsync()
    {
        // Index loop: the batch is only appended to by Split, which does not run while this awaits.
        for (var i = 0; i < _batch.Count; i++)
        {
            await DeliverAsync(_batch[i]).ConfigureAwait(false);
        }

        _batch.Clear();
        _queue.Publish();
    }

    private ValueTask DeliverAsync(RunItem item)
    {
        if (_droppedPending == 0 && _queue.TryWrite(item))
        {
            _overflowing = false;
            return ValueTask.CompletedTask;
        }
        return DeliverSlowAsync(item);
    }

    private async ValueTask DeliverSlowAsync(RunItem item)
    {
        if (_readerGone.IsCancellationRequested)
        {
            return;
        }

        if (_droppedPending > 0)
        {
            // The drop count goes first, where the items went missing.
            if (!await MakeRoomAsync().ConfigureAwait(false))
            {
                Drop();
                return;
            }
            _queue.TryWrite(RunItem.ForDropped(_droppedPending));
            _droppedPending = 0;
        }
        if (_queue.TryWrite(item) || (await MakeRoomAsync().ConfigureAwait(false) && _queue.TryWrite(item)))
        {
            _overflowing = false;
            return;
        }
        Drop();
    }

    private void Drop()
    {
        _droppedPending++;
        _dropped++;
    }

    /// <summary>True when the queue has room (this is its only writer, so the room stays).</summary>
    private async ValueTask<bool> MakeRoomAsync()
    {
        if (_queue.Room > 0)
        {
            return true;
        }

        var wait = _options.MaxWaitWhenFull;
        if (_overflowing || wait == TimeSpan.Zero || _readerGone.IsCancellationRequested)
        {
            return false;
        }

        using var bound = CancellationTokenSource.CreateLinkedTokenSource(_readerGone.Token);
        if (wait != Timeout.InfiniteTimeSpan)
        {
            bound.CancelAfter(wait);
        }

        try
        {
            if (await _queue.WaitForRoomAsync(bound.Token).ConfigureAwait(false))
            {
                return true;
            }

            _overflowing = true;
            return false;
        }
        catch (OperationCanceledException)
        {
            _overflowing = true;
            return false;
        }
    }

    private void RetireRoutes()
    {
        foreach (var route in _routes)
        {
            if (route is not null)
            {
                Retire(route);
            }
        }

        _routes = [];
    }

    private void Retire(TypeRoute route)
    {
        _finishedCounts[route.Type.FullName] = _finishedCounts.GetValueOrDefault(route.Type.FullName) + route.Count;
        route.Count = 0;
    }

    private EventRunSummary Summary(RunResult? result)
    {
        RetireRoutes();
        return new EventRunSummary(result, new Dictionary<string, long>(_finishedCounts), _textLines, _messages, _decodeErrors,
            [.. _errorSamples], _dropped, _lostBytes)
        {
            StapWarnings = _stapWarnings,
            StapErrors = _stapErrors,
            TransportFailures = _transportFailures,
            SkippedProbes = _skippedProbes,
        };
    }
}
