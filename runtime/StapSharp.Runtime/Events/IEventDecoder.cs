namespace StapSharp.Runtime.Events;

/// <summary>
/// Decodes one event type's fields from the wire (runtime/StapSharp/WIRE-FORMAT.md). Implementations
/// are generated from the record by the compiler and registered with <see cref="EventDecoderRegistry"/>.
/// </summary>
public interface IEventDecoder<out TEvent>
{
    /// <summary>The record's full name, as in the module's <c>T</c> line.</summary>
    string TypeFullName { get; }

    /// <summary>The 16-hex-digit type hash this decoder was generated for.</summary>
    string TypeHash { get; }

    /// <summary>Reads the fields in constructor order and builds the record.</summary>
    TEvent Decode(ref EventFieldReader fields);
}
