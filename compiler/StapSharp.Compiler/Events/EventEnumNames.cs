using Microsoft.CodeAnalysis;

namespace StapSharp.Compiler.Events;

/// <summary>
/// The member names of the enums that event records carry, by enum full name and value, so a tool that
/// prints events without loading the record types (the CLI) can show <c>Create</c> instead of <c>2</c>.
/// </summary>
internal static class EventEnumNames
{
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<long, string>> Of(IEnumerable<EventTypeSchema> events, Compilation compilation)
    {
        var names = new Dictionary<string, IReadOnlyDictionary<long, string>>(StringComparer.Ordinal);
        foreach (var enumName in events.SelectMany(e => e.Fields).Where(f => f.Kind == WireFieldKind.Enum).Select(f => f.EnumFullName!).Distinct())
        {
            if (compilation.GetTypeByMetadataName(enumName) is not { TypeKind: TypeKind.Enum } type)
            {
                continue;
            }

            var members = new Dictionary<long, string>();
            foreach (var member in type.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue))
            {
                // The wire carries the integral value as a long (a ulong above 2^63 arrives negative); the first
                // declared name of a value wins.
                var value = member.ConstantValue is ulong big ? unchecked((long)big) : Convert.ToInt64(member.ConstantValue, System.Globalization.CultureInfo.InvariantCulture);
                members.TryAdd(value, member.Name);
            }
            names[enumName] = members;
        }
        return names;
    }
}
