namespace StapSharp.Runtime.Events;

/// <summary>One field of an event type, as its <c>T</c> line declares it.</summary>
/// <param name="Name">The constructor parameter's name.</param>
/// <param name="Kind">How the value travels.</param>
/// <param name="Code">The field code as written (<c>i64</c>, <c>enum:My.Kind</c>, ...).</param>
public sealed record WireField(string Name, WireFieldKind Kind, string Code)
{
    /// <summary>For <see cref="WireFieldKind.Enum"/>: the enum's full name; otherwise null.</summary>
    public string? EnumTypeName => Kind == WireFieldKind.Enum ? Code[WireFieldCodes.EnumPrefix.Length..] : null;
}

/// <summary>An event type a module declared with a <c>T</c> line.</summary>
public sealed class WireType
{
    internal WireType(int id, string fullName, string hash, IReadOnlyList<WireField> fields)
    {
        Id = id;
        FullName = fullName;
        Hash = hash;
        Fields = fields;
        Kinds = fields.Select(f => f.Kind).ToArray();
        HasStrings = Array.IndexOf(Kinds, WireFieldKind.String) >= 0;
        // A frame's layout: integers before each string, then its 4-byte length; integers and the check after the last.
        var strings = new List<int>();
        var gap = WireFormat.HeaderBytes;
        foreach (var kind in Kinds)
        {
            if (kind != WireFieldKind.String)
            {
                gap += WireFormat.IntegerBytes;
                continue;
            }
            strings.Add(gap);
            gap = 0;
        }
        StringGaps = [.. strings];
        TailBytes = gap + WireFormat.CheckBytes;
        StringFields = [.. Enumerable.Range(0, Kinds.Length).Where(i => Kinds[i] == WireFieldKind.String)];
    }

    /// <summary>The type's number in this module (the id in its frames' header).</summary>
    public int Id { get; }

    /// <summary>The record's full name (<c>Namespace.Outer+Inner</c>).</summary>
    public string FullName { get; }

    /// <summary>The 16-hex-digit type hash the module was built with.</summary>
    public string Hash { get; }

    /// <summary>The fields, in constructor-parameter order.</summary>
    public IReadOnlyList<WireField> Fields { get; }

    /// <summary>True when a frame's end can only be found by reading its string lengths.</summary>
    public bool HasStrings { get; }

    internal WireFieldKind[] Kinds { get; }

    /// <summary>
    /// Before each string field, the bytes from the end of the string before it (or from the frame's start, for
    /// the first) to its length prefix. A frame's end then takes one load per string.
    /// </summary>
    internal int[] StringGaps { get; }

    /// <summary>The bytes after the last string (after the header when there is none) up to the '\n': integers and the check.</summary>
    internal int TailBytes { get; }

    /// <summary>The indexes of the string fields.</summary>
    internal int[] StringFields { get; }

    /// <inheritdoc />
    public override string ToString() => $"{FullName} ({Hash})";
}

/// <summary>
/// Where a frame of one type ends and where its check's values are, laid out flat so the reader finds it with
/// one load after the type id: the next frame's position depends on it, so every load on this path delays every frame.
/// </summary>
internal readonly struct FrameLayout
{
    public FrameLayout(WireType type)
    {
        Type = type;
        StringCount = type.StringGaps.Length;
        FirstStringOffset = StringCount > 0 ? type.StringGaps[0] : 0;
        TailBytes = type.TailBytes;
        LeadIntegers = (StringCount > 0 ? FirstStringOffset - WireFormat.HeaderBytes : type.TailBytes - WireFormat.CheckBytes - WireFormat.HeaderBytes) / WireFormat.IntegerBytes;
        TrailIntegers = StringCount > 0 ? (type.TailBytes - WireFormat.CheckBytes) / WireFormat.IntegerBytes : 0;
    }

    /// <summary>The declared type; null for an id not declared.</summary>
    public WireType? Type { get; }

    /// <summary>How many string fields the frame holds; beyond one, the type's gaps say where they are.</summary>
    public int StringCount { get; }

    /// <summary>With strings: the offset of the first string's length from the frame's start.</summary>
    public int FirstStringOffset { get; }

    /// <summary>The bytes after the last string (after the header without strings) up to the '\n': integers and the check.</summary>
    public int TailBytes { get; }

    /// <summary>The integers between the header and the first string (all of them without strings).</summary>
    public int LeadIntegers { get; }

    /// <summary>The integers after the last string (none without strings).</summary>
    public int TrailIntegers { get; }
}

/// <summary>The event types of one module: its <c>S</c> header and the <c>T</c> lines that follow it.</summary>
public sealed class WireSchema
{
    private WireType?[] _types;

    /// <param name="scriptHash">The header's script hash.</param>
    /// <param name="typeCount">How many types the header announces.</param>
    public WireSchema(string scriptHash, int typeCount)
    {
        ScriptHash = scriptHash;
        TypeCount = typeCount;
        _types = new WireType?[typeCount];
        Layouts = new FrameLayout[typeCount];
    }

    /// <summary>The header's script hash (the type hashes joined, hashed).</summary>
    public string ScriptHash { get; }

    /// <summary>How many types the header announced.</summary>
    public int TypeCount { get; }

    /// <summary>The declared types by id; an entry is null until its <c>T</c> line was read.</summary>
    public IReadOnlyList<WireType?> Types => _types;

    /// <summary>The type with <paramref name="id"/>, or null when it was not declared.</summary>
    public WireType? this[int id] => (uint)id < (uint)_types.Length ? _types[id] : null;

    /// <summary>The declared type named <paramref name="fullName"/>, or null.</summary>
    public WireType? Find(string fullName) => _types.FirstOrDefault(t => t?.FullName == fullName);

    /// <summary>The declared types' layouts by id, for the reader's inner loop (one load per frame).</summary>
    internal FrameLayout[] Layouts { get; }

    internal void Declare(WireType type)
    {
        _types[type.Id] = type;
        Layouts[type.Id] = new FrameLayout(type);
    }

    /// <summary>A copy that later <c>T</c> lines can extend without touching this one (types are immutable and shared).</summary>
    internal WireSchema Clone()
    {
        var copy = new WireSchema(ScriptHash, TypeCount);
        _types.CopyTo(copy._types, 0);
        Layouts.CopyTo(copy.Layouts, 0);
        return copy;
    }

    /// <summary>True when both declare the same script and the same types (or both are null).</summary>
    internal static bool SameDeclarations(WireSchema? left, WireSchema? right) =>
        ReferenceEquals(left, right) ||
        (left is not null && right is not null && left.ScriptHash == right.ScriptHash && left.TypeCount == right.TypeCount &&
         left._types.Zip(right._types).All(pair => ReferenceEquals(pair.First, pair.Second) || pair.First?.Hash == pair.Second?.Hash && pair.First?.FullName == pair.Second?.FullName));
}
