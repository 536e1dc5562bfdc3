using StapSharp.Cli.Output;
using StapSharp.Protocol;

namespace StapSharp.Cli.Aggregate;

/// <summary>
/// An <see cref="AggregateRequest"/> checked against the script's event types, before the run: the field
/// names as the records spell them, and the types that have them. Field names match case-insensitively
/// (an exact match wins); a value field must be a number (integer, errno or enum). <c>host</c> among the
/// group fields groups by the host that sent each event (<see cref="ByHost"/>), unless an event type has a
/// field of that name: then it is that field, as it always was.
/// </summary>
internal sealed record AggregatePlan(
    IReadOnlyList<string> GroupFields, string? ValueField, bool Percentiles, bool Histogram, LinearLayout? Linear, int? Top,
    IReadOnlySet<string> AggregatedTypes, bool ByHost = false)
{
    /// <summary>The group-by name of the host that sent an event.</summary>
    public const string HostField = "host";

    /// <summary>The plan, or a <see cref="UsageError"/> that names the fields there are.</summary>
    public static AggregatePlan Resolve(AggregateRequest request, IReadOnlyList<OutputEventType> types)
    {
        if (types.Count == 0)
        {
            throw new UsageError("--group-by, --percentiles and --histogram aggregate typed events; this script emits none (see Emit)");
        }

        if (request.PercentilesField is { } p && request.HistogramField is { } h && !string.Equals(p, h, StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageError($"--percentiles {p} and --histogram {h}: both read the one value field; name the same field");
        }

        static bool IsHost(string name) => string.Equals(name, HostField, StringComparison.OrdinalIgnoreCase);
        var byHost = request.GroupBy.Any(IsHost) && !types.Any(t => t.FieldNames.Any(IsHost));
        var groupFields = request.GroupBy.Where(name => !(byHost && IsHost(name))).Select(name => FieldName("--group-by", name, types)).ToList();
        var valueOption = request.PercentilesField is not null ? "--percentiles" : "--histogram";
        var valueName = request.PercentilesField ?? request.HistogramField;
        var valueField = valueName is null ? null : FieldName(valueOption, valueName, types);

        var wanted = valueField is null ? groupFields : [.. groupFields, valueField];
        var matching = types.Where(t => wanted.All(t.FieldNames.Contains)).ToList();
        if (matching.Count == 0)
        {
            throw new UsageError($"no event type has all of {string.Join(", ", wanted)}; the types' fields are: " +
                                 string.Join("; ", types.Select(t => $"{TextEventOutput.ShortName(t.FullName)}: {string.Join(", ", t.FieldNames)}")));
        }

        if (valueField is not null)
        {
            foreach (var type in matching)
            {
                var code = type.FieldCodes[IndexOf(type, valueField)];
                if (!IsNumber(code))
                {
                    throw new UsageError($"{valueOption} {valueField}: a {Describe(code)} field of {TextEventOutput.ShortName(type.FullName)}; it takes a number field: " +
                                         string.Join(", ", NumberFields(types)));
                }
            }
        }

        return new AggregatePlan(groupFields, valueField, request.PercentilesField is not null, request.HistogramField is not null, request.Linear,
            request.Top, matching.Select(t => t.FullName).ToHashSet(StringComparer.Ordinal), byHost);
    }

    /// <summary>The event types of a compiled script, as the module will declare them.</summary>
    public static IReadOnlyList<OutputEventType> TypesOf(StapSharp.Compiler.CompiledScript script) =>
        script.Events.Select(e => new OutputEventType(e.TypeFullName, e.Fields.Select(f => f.Name).ToList(), e.Fields.Select(f => f.Code).ToList())).ToList();

    /// <summary>The position of <paramref name="field"/> in <paramref name="type"/>, -1 when it has none.</summary>
    public static int IndexOf(OutputEventType type, string field)
    {
        for (var i = 0; i < type.FieldNames.Count; i++)
        {
            if (string.Equals(type.FieldNames[i], field, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Wire codes of number fields: <c>i64</c>, <c>i32</c>, <c>u64</c>, <c>errno</c>, <c>enum:...</c>.</summary>
    public static bool IsNumber(string code) => WireFieldCodes.TryParse(code, out var kind) && kind is not (WireFieldKind.String or WireFieldKind.Boolean);

    /// <summary>The field <paramref name="name"/> names (an exact match, else the one that matches ignoring case), or a <see cref="UsageError"/> for <paramref name="option"/>.</summary>
    public static string FieldName(string option, string name, IReadOnlyList<OutputEventType> types)
    {
        var all = types.SelectMany(t => t.FieldNames).Distinct(StringComparer.Ordinal).ToList();
        if (all.Contains(name, StringComparer.Ordinal))
        {
            return name;
        }

        var matches = all.Where(f => string.Equals(f, name, StringComparison.OrdinalIgnoreCase)).ToList();
        return matches switch
        {
            [var only] => only,
            [] => throw new UsageError($"{option} {name}: no event field of that name; the fields are: {string.Join(", ", all)}"),
            _ => throw new UsageError($"{option} {name}: several fields differ only in case ({string.Join(", ", matches)}); write one exactly"),
        };
    }

    private static IEnumerable<string> NumberFields(IReadOnlyList<OutputEventType> types) =>
        types.SelectMany(t => t.FieldNames.Zip(t.FieldCodes)).Where(f => IsNumber(f.Second)).Select(f => f.First).Distinct(StringComparer.Ordinal);

    private static string Describe(string code) => WireFieldCodes.TryParse(code, out var kind) && kind == WireFieldKind.String ? "string" : code;
}
