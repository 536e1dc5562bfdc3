using StapSharp.Runtime.Events;

namespace StapSharp.Runtime.Sessions;

/// <summary>
/// Handlers for <see cref="EventSession.DispatchAsync"/>, one per event type (or one for every event, as
/// <see cref="EventRow"/>s) plus schemas, text, messages, drops and decode errors. Only what has a handler is
/// decoded and buffered; everything is counted.
/// Handlers run one at a time, in stream order, on the reading task.
/// </summary>
public sealed class EventHandlers
{
    internal Dictionary<Type, Func<RunItem, long, ValueTask>> ByType { get; } = [];
    internal Action<string>? Text { get; private set; }
    internal Action<string>? Message { get; private set; }
    internal Action<long>? Dropped { get; private set; }
    internal Action<string>? DecodeError { get; private set; }
    internal Action<EventRow>? Row { get; private set; }
    internal Action<WireSchema>? Schema { get; private set; }
    internal Action? CaughtUp { get; private set; }

    /// <summary>Calls <paramref name="handler"/> with each <typeparamref name="T"/> event.</summary>
    public EventHandlers On<T>(Action<T> handler) => OnEnvelope<T>(envelope => handler(envelope.Event));

    /// <summary>Calls <paramref name="handler"/> with each <typeparamref name="T"/> event, its timestamp, cpu and flags.</summary>
    public EventHandlers OnEnvelope<T>(Action<EventEnvelope<T>> handler) => OnEnvelopeAsync<T>(envelope =>
    {
        handler(envelope);
        return ValueTask.CompletedTask;
    });

    /// <summary>Like <see cref="OnEnvelope{T}"/>, for a handler that awaits (reading waits for it: backpressure).</summary>
    public EventHandlers OnEnvelopeAsync<T>(Func<EventEnvelope<T>, ValueTask> handler)
    {
        ByType[typeof(T)] = (item, droppedBefore) =>
            handler(new EventEnvelope<T>((T)item.Event!, item.TimestampNs, item.Cpu, item.TruncatedFields, droppedBefore));
        return this;
    }

    /// <summary>
    /// Calls <paramref name="handler"/> with every event, of every type, as an <see cref="EventRow"/> decoded with the
    /// module's own schema (whatever decoders are registered): for tools that print any module's events.
    /// Excludes the typed handlers.
    /// </summary>
    public EventHandlers OnRow(Action<EventRow> handler)
    {
        Row = handler;
        return this;
    }

    /// <summary>Calls <paramref name="handler"/> with each schema the module declares, once all its types arrived (before their first event).</summary>
    public EventHandlers OnSchema(Action<WireSchema> handler)
    {
        Schema = handler;
        return this;
    }

    /// <summary>
    /// Calls <paramref name="handler"/> when the handlers have taken everything the run produced so far (at most once per
    /// read of the module's output): the moment to make printed output visible, so a fast stream is written in large blocks.
    /// </summary>
    public EventHandlers OnCaughtUp(Action handler)
    {
        CaughtUp = handler;
        return this;
    }

    /// <summary>Calls <paramref name="handler"/> with each text line of the module's output (UTF-8).</summary>
    public EventHandlers OnText(Action<string> handler)
    {
        Text = handler;
        return this;
    }

    /// <summary>Calls <paramref name="handler"/> with each line staprun writes on stderr (warnings, errors).</summary>
    public EventHandlers OnMessage(Action<string> handler)
    {
        Message = handler;
        return this;
    }

    /// <summary>Calls <paramref name="handler"/> where items were dropped because the handlers fell behind, with how many.</summary>
    public EventHandlers OnDropped(Action<long> handler)
    {
        Dropped = handler;
        return this;
    }

    /// <summary>Calls <paramref name="handler"/> with the reason of each frame that did not decode.</summary>
    public EventHandlers OnDecodeError(Action<string> handler)
    {
        DecodeError = handler;
        return this;
    }

    internal EventSelection Selection()
    {
        if (Row is not null && ByType.Count > 0)
        {
            throw new InvalidOperationException("OnRow takes every event: it excludes handlers for single types");
        }

        return new(ByType.Keys, AllEvents: Row is not null, Text is not null, Message is not null, DecodeError is not null)
        {
            Rows = Row is not null,
            Schemas = Schema is not null,
        };
    }
}

/// <summary>What the reader of a session wants delivered (everything is counted either way).</summary>
internal sealed record EventSelection(IEnumerable<Type> Types, bool AllEvents, bool Text, bool Messages, bool Errors)
{
    public static EventSelection Everything { get; } = new([], AllEvents: true, Text: true, Messages: true, Errors: true);

    /// <summary>Every event as an <see cref="EventRow"/>, whatever decoders are registered.</summary>
    public bool Rows { get; init; }

    /// <summary>Each complete schema as a <see cref="RunItemKind.Schema"/> item.</summary>
    public bool Schemas { get; init; }
}
