using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace StapSharp.Runtime.Events;

/// <summary>
/// The decoders of the event records a program knows, by type. Generated decoders register
/// themselves from a module initializer, so a host program never registers anything by hand.
/// </summary>
public static class EventDecoderRegistry
{
    private static readonly ConcurrentDictionary<Type, RegisteredDecoder> ByType = new();
    private static readonly ConcurrentDictionary<string, RegisteredDecoder> ByName = new(StringComparer.Ordinal);

    /// <summary>Registers (or replaces) the decoder of <typeparamref name="TEvent"/>.</summary>
    public static void Register<TEvent>(IEventDecoder<TEvent> decoder)
    {
        var entry = new RegisteredDecoder<TEvent>(decoder);
        ByType[typeof(TEvent)] = entry;
        ByName[decoder.TypeFullName] = entry;
    }

    /// <summary>The decoder of <typeparamref name="TEvent"/>, if one is registered.</summary>
    public static bool TryGet<TEvent>(out IEventDecoder<TEvent> decoder)
    {
        if (TryGet(typeof(TEvent), out var entry))
        {
            decoder = ((RegisteredDecoder<TEvent>)entry).Decoder;
            return true;
        }

        decoder = null!;
        return false;
    }

    internal static bool TryGet(Type eventType, out RegisteredDecoder entry)
    {
        if (ByType.TryGetValue(eventType, out entry!))
        {
            return true;
        }
        // A generated decoder registers from its assembly's module initializer, which may not have run yet.
        RuntimeHelpers.RunModuleConstructor(eventType.Module.ModuleHandle);
        return ByType.TryGetValue(eventType, out entry!);
    }

    internal static bool TryGet(string typeFullName, out RegisteredDecoder entry) => ByName.TryGetValue(typeFullName, out entry!);
}

/// <summary>A registered decoder, usable without knowing its event type statically.</summary>
internal abstract class RegisteredDecoder
{
    public abstract Type EventType { get; }
    public abstract string TypeFullName { get; }
    public abstract string TypeHash { get; }
    public abstract object Decode(ref EventFieldReader fields);
}

internal sealed class RegisteredDecoder<TEvent>(IEventDecoder<TEvent> decoder) : RegisteredDecoder
{
    public IEventDecoder<TEvent> Decoder { get; } = decoder;
    public override Type EventType => typeof(TEvent);
    public override string TypeFullName => Decoder.TypeFullName;
    public override string TypeHash => Decoder.TypeHash;
    public override object Decode(ref EventFieldReader fields) => Decoder.Decode(ref fields)!;
}
