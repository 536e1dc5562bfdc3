using System.Collections.Concurrent;

namespace StapSharp.Runtime.Events;

/// <summary>
/// The decoders of the event records a program knows, by type. Generated decoders register
/// themselves from a module initializer, so a host program never registers anything by hand.
/// </summary>
public static class EventDecoderRegistry
{
    private static readonly ConcurrentDictionary<Type, object> Decoders = new();

    public static void Register<TEvent>(IEventDecoder<TEvent> decoder) => Decoders[typeof(TEvent)] = decoder;

    public static bool TryGet<TEvent>(out IEventDecoder<TEvent> decoder)
    {
        if (Decoders.TryGetValue(typeof(TEvent), out var found))
        {
            decoder = (IEventDecoder<TEvent>)found;
            return true;
        }

        decoder = null!;
        return false;
    }
}
