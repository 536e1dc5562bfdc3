using StapSharp.Runtime.Events;

namespace StapSharp.Runtime.Sessions;

/// <summary>Hands a session's items, in order, to its <see cref="EventHandlers"/>.</summary>
internal sealed class HandlerDispatch(EventHandlers handlers)
{
    private long _droppedBefore;

    public async ValueTask HandleAsync(RunItem item)
    {
        switch (item.Kind)
        {
            case RunItemKind.Event when handlers.Row is { } row:
                row((EventRow)item.Event!);
                _droppedBefore = 0;
                break;
            case RunItemKind.Event:
                await HandlerFor(item)(item, _droppedBefore).ConfigureAwait(false);
                _droppedBefore = 0;
                break;
            case RunItemKind.Schema:
                handlers.Schema?.Invoke(item.Schema!);
                break;
            case RunItemKind.Text:
                handlers.Text?.Invoke(item.Text!);
                break;
            case RunItemKind.Message:
                handlers.Message?.Invoke(item.Text!);
                break;
            case RunItemKind.Dropped:
                _droppedBefore += item.Dropped;
                handlers.Dropped?.Invoke(item.Dropped);
                break;
            case RunItemKind.DecodeError:
                handlers.DecodeError?.Invoke(item.Text!);
                break;
            case RunItemKind.SchemaMismatch:
                throw item.SchemaError!;
        }
    }

    /// <summary>Everything produced so far was handled.</summary>
    public void CaughtUp() => handlers.CaughtUp?.Invoke();

    /// <summary>The handler of an event's type: the decoder's registered type, which may differ from the record's runtime type.</summary>
    private Func<RunItem, long, ValueTask> HandlerFor(RunItem item)
    {
        if (handlers.ByType.TryGetValue(item.Event!.GetType(), out var handler))
        {
            return handler;
        }

        EventDecoderRegistry.TryGet(item.EventType!.FullName, out var decoder);
        return handlers.ByType[decoder.EventType];
    }
}
