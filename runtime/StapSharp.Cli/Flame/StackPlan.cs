using StapSharp.Cli.Aggregate;
using StapSharp.Cli.Output;
using StapSharp.Protocol;

namespace StapSharp.Cli.Flame;

/// <summary>
/// Which fields of which event types hold stacks, checked against the script's event types before the run: per type
/// (full name), the positions of its stack fields, root side first. A stack field is a string field set from
/// <c>Stap.SprintUBacktrace()</c>, <c>Stap.SprintBacktrace()</c> (or <c>SprintUStack</c>, <c>SprintStack</c>): named
/// with <c>--stack</c>, or else every string field whose name ends in <see cref="NameSuffix"/>, in the record's order.
/// </summary>
internal sealed record StackPlan(IReadOnlyDictionary<string, int[]> FieldsByType)
{
    /// <summary>The end of a stack field's name when <c>--stack</c> names none (case-insensitive): Stack, KernelStack, ustack.</summary>
    public const string NameSuffix = "Stack";

    /// <summary>The plan, or a <see cref="UsageError"/> that says which fields there are.</summary>
    public static StackPlan Resolve(IReadOnlyList<string> requested, IReadOnlyList<OutputEventType> types)
    {
        if (types.Count == 0)
        {
            throw new UsageError("--folded and --flame fold the stacks of typed events; this script emits none (see Emit)");
        }

        var fields = new Dictionary<string, int[]>(StringComparer.Ordinal);
        if (requested.Count > 0)
        {
            var names = requested.Select(name => AggregatePlan.FieldName("--stack", name, types)).ToList();
            foreach (var type in types)
            {
                var positions = names.Select(name => AggregatePlan.IndexOf(type, name)).Where(i => i >= 0).ToArray();
                foreach (var i in positions.Where(i => !IsString(type.FieldCodes[i])))
                {
                    throw new UsageError($"--stack {type.FieldNames[i]}: not a string field of {TextEventOutput.ShortName(type.FullName)}; " +
                                         "a stack field is a string set from Stap.SprintBacktrace() or Stap.SprintUBacktrace()");
                }

                if (positions.Length > 0)
                {
                    fields[type.FullName] = positions;
                }
            }

            return new StackPlan(fields);
        }

        foreach (var type in types)
        {
            var positions = Enumerable.Range(0, type.FieldNames.Count)
                .Where(i => IsString(type.FieldCodes[i]) && type.FieldNames[i].EndsWith(NameSuffix, StringComparison.OrdinalIgnoreCase))
                .ToArray();
            if (positions.Length > 0)
            {
                fields[type.FullName] = positions;
            }
        }

        if (fields.Count == 0)
        {
            throw new UsageError(
                $"--folded and --flame fold stack fields: string fields set from Stap.SprintBacktrace() or Stap.SprintUBacktrace(), named ...{NameSuffix} " +
                "or given with --stack FIELD; the event types' fields are: " +
                string.Join("; ", types.Select(t => $"{TextEventOutput.ShortName(t.FullName)}: {string.Join(", ", t.FieldNames)}")));
        }

        return new StackPlan(fields);
    }

    private static bool IsString(string code) => WireFieldCodes.TryParse(code, out var kind) && kind == WireFieldKind.String;
}
