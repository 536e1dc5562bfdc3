using StapSharp.Protocol;
using StapSharp.Runtime.Events;

namespace StapSharp.Cli.Output;

/// <summary>
/// The printed form of a module's events: a declared <see cref="WireType"/> as an <see cref="OutputEventType"/>,
/// an <see cref="EventRow"/> as an <see cref="OutputEvent"/> whose enum fields carry the script's member names.
/// </summary>
/// <param name="enumNames">The script's enum member names (enum full name → value → name).</param>
internal sealed class OutputEvents(IReadOnlyDictionary<string, IReadOnlyDictionary<long, string>>? enumNames = null)
{
    private readonly Dictionary<WireType, OutputEventType> _types = new();

    /// <summary>The printed form of the types <paramref name="schema"/> declares.</summary>
    public IReadOnlyList<OutputEventType> TypesOf(WireSchema schema) =>
        schema.Types.Where(t => t is not null).Select(t => TypeOf(t!)).ToList();

    public OutputEvent From(EventRow row) =>
        new(TypeOf(row.Type), row.TimestampNs, row.Cpu, NameEnums(row.Type, row.Values), row.TruncatedFields);

    private OutputEventType TypeOf(WireType type)
    {
        if (!_types.TryGetValue(type, out var printed))
        {
            _types[type] = printed = new(type.FullName, type.Fields.Select(f => f.Name).ToList(), type.Fields.Select(f => f.Code).ToList());
        }

        return printed;
    }

    /// <summary>Enum fields (which arrive as long) become <see cref="EnumValue"/>s, named where the script's enum names the value.</summary>
    private IReadOnlyList<object?> NameEnums(WireType type, IReadOnlyList<object?> values)
    {
        object?[]? named = null;
        for (var i = 0; i < type.Fields.Count; i++)
        {
            if (type.Fields[i] is not { Kind: WireFieldKind.Enum, EnumTypeName: { } enumName } || values[i] is not long value)
            {
                continue;
            }

            named ??= [.. values];
            named[i] = new EnumValue(value, enumNames is not null && enumNames.TryGetValue(enumName, out var members) ? members.GetValueOrDefault(value) : null);
        }
        return named ?? values;
    }
}
