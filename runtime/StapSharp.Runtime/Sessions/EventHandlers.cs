using StapSharp.Runtime.Events;

namespace StapSharp.Runtime.Sessions;

/// <summary>
/// Handlers for <see cref="EventSession.DispatchAsync"/>, one per event type plus text, messages, drops
/// and decode errors. Only what has a handler is decoded and buffered; everything is counted.
/// Handlers run one at a time, in stream order, on the reading task.
/// </summary>
public sealed class EventHandlers
{
    internal Dictionary<Type, Func<RunItem, long, ValueTask>> ByType { get; } = [];
    internal Action<string>? Text { get; private set; }
    internal Action<string>? Message { get; private set; }
    internal Action<long>? Dropped { get; private set; }
    internal Action<string>? DecodeError { get; private set; }

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

    internal EventSelection Selection() => new(ByType.Keys, AllEvents: false, Text is not null, Message is not null, DecodeError is not null);
}

/// <summary>What the reader of a session wants delivered (everything is counted either way).</summary>
internal sealed record EventSelection(IEnumerable<Type> Types, bool AllEvents, bool Text, bool Messages, bool Errors)
{
    public static EventSelection Everything { get; } = new([], AllEvents: true, Text: true, Messages: true, Errors: true);
}
