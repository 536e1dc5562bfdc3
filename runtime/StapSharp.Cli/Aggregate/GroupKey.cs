using StapSharp.Cli.Output;

namespace StapSharp.Cli.Aggregate;

/// <summary>The values of the <c>--group-by</c> fields of one event: the key of its group.</summary>
internal sealed class GroupKey(object?[] parts)
{
    public static GroupKey None { get; } = new([]);

    public IReadOnlyList<object?> Parts => parts;

    /// <summary>Each part as the text and table formats print it (strings quoted and escaped).</summary>
    public IReadOnlyList<string> Cells() => parts.Select(EventValueText.Format).ToArray();

    public override string ToString() => string.Join(", ", Cells());
}

/// <summary>
/// Orders keys part by part: numbers (integers, errnos, enums) by value, before text; other values by
/// their printed text, ordinally. Equal keys are one group.
/// </summary>
internal sealed class GroupKeyComparer : IComparer<GroupKey>
{
    public static GroupKeyComparer Instance { get; } = new();

    public int Compare(GroupKey? x, GroupKey? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var count = Math.Min(x.Parts.Count, y.Parts.Count);
        for (var i = 0; i < count; i++)
        {
            var order = ComparePart(x.Parts[i], y.Parts[i]);
            if (order != 0)
            {
                return order;
            }
        }

        return x.Parts.Count.CompareTo(y.Parts.Count);
    }

    private static int ComparePart(object? a, object? b) => (Number(a), Number(b)) switch
    {
        ({ } m, { } n) => m.CompareTo(n),
        ({ }, null) => -1,
        (null, { }) => 1,
        _ => string.CompareOrdinal(EventValueText.Format(a), EventValueText.Format(b)),
    };

    /// <summary>The value as a number, when it is one (a u64 above long's range still orders right).</summary>
    public static Int128? Number(object? value) => value switch
    {
        long l => l,
        int i => i,
        ulong u => u,
        Errno errno => errno.Value,
        EnumValue e => e.Value,
        _ => null,
    };
}
