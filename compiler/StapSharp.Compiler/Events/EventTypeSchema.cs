namespace StapSharp.Compiler.Events;

/// <summary>How one event field travels on the wire (runtime/StapSharp/WIRE-FORMAT.md, "Field codes").</summary>
public enum EventFieldKind
{
    Int64,
    Int32,
    UInt64,
    Boolean,
    String,
    Errno,
    Enum,
}

/// <summary>One field of an event record: a primary-constructor parameter.</summary>
/// <param name="Name">The parameter name as declared (no '@').</param>
/// <param name="Kind">The wire kind.</param>
/// <param name="EnumFullName">For <see cref="EventFieldKind.Enum"/>: the enum's <c>Type.FullName</c>.</param>
/// <param name="EnumCSharpName">For <see cref="EventFieldKind.Enum"/>: the enum as a fully qualified C# type (<c>global::...</c>).</param>
public sealed record EventFieldSchema(string Name, EventFieldKind Kind, string? EnumFullName = null, string? EnumCSharpName = null)
{
    /// <summary>The field code: <c>i64</c>, <c>i32</c>, <c>u64</c>, <c>bool</c>, <c>str</c>, <c>errno</c> or <c>enum:&lt;FullName&gt;</c>.</summary>
    public string Code => Kind switch
    {
        EventFieldKind.Int64 => "i64",
        EventFieldKind.Int32 => "i32",
        EventFieldKind.UInt64 => "u64",
        EventFieldKind.Boolean => "bool",
        EventFieldKind.String => "str",
        EventFieldKind.Errno => "errno",
        EventFieldKind.Enum => "enum:" + EnumFullName,
        _ => throw new InvalidOperationException($"no code for {Kind}"),
    };
}

/// <summary>
/// One event type of a script: a record whose primary-constructor parameters are the fields, in
/// order. <see cref="Id"/> is its number in the script (0-based, in declaration order).
/// </summary>
/// <param name="Id">The type's number in its script: the <c>&lt;id&gt;</c> of its <c>T</c> line and <c>B</c> frames.</param>
/// <param name="TypeFullName">The record's full name as <c>Type.FullName</c> prints it (nested types with '+').</param>
/// <param name="CSharpTypeName">The record as a fully qualified C# type (<c>global::Ns.Outer.Inner</c>), for generated code.</param>
/// <param name="Fields">The fields in constructor-parameter order.</param>
public sealed record EventTypeSchema(int Id, string TypeFullName, string CSharpTypeName, IReadOnlyList<EventFieldSchema> Fields)
{
    /// <summary>The text the type hash covers: <c>&lt;typeFullName&gt;|&lt;name&gt;:&lt;code&gt;|...</c>.</summary>
    public string CanonicalText => string.Concat(Fields.Select(f => $"|{f.Name}:{f.Code}").Prepend(TypeFullName));

    /// <summary>FNV-1a 64 of <see cref="CanonicalText"/> as 16 lowercase hex digits.</summary>
    public string TypeHash => EventHash.Hex(EventHash.Fnv1a64(CanonicalText));

    /// <summary>The schema line: <c>\x1eT&lt;id&gt; &lt;typeFullName&gt; &lt;typeHash&gt; &lt;fieldCount&gt;[ &lt;name&gt;:&lt;code&gt;]*</c> (without the newline).</summary>
    public string SchemaLine => $"\u001eT{Id} {TypeFullName} {TypeHash} {Fields.Count}" + string.Concat(Fields.Select(f => $" {f.Name}:{f.Code}"));

    /// <summary>The script hash of a script's event types (in id order): FNV-1a 64 of their type hashes joined by '|'.</summary>
    public static string ScriptHash(IEnumerable<EventTypeSchema> types) =>
        EventHash.Hex(EventHash.Fnv1a64(string.Join("|", types.OrderBy(t => t.Id).Select(t => t.TypeHash))));

    /// <summary>
    /// The header line's printf format: <c>\x1eS3 &lt;scriptHash&gt; &lt;typeCount&gt; %2b</c> (without the newline).
    /// The <c>%2b</c> prints <see cref="ByteOrderMark"/>, so the host can tell the target's byte order.
    /// </summary>
    public static string HeaderFormat(IReadOnlyCollection<EventTypeSchema> types) => $"\u001eS{WireVersion} {ScriptHash(types)} {types.Count} %2b";

    /// <summary>The wire format version the translator writes (runtime/StapSharp/WIRE-FORMAT.md).</summary>
    public const int WireVersion = 3;

    /// <summary>
    /// Written with <c>%2b</c> in the header: the bytes 01 00 on a little-endian target. Its zero byte is one no printed
    /// text can hold, so no text passes for a header.
    /// </summary>
    public const long ByteOrderMark = 1;

    /// <summary>The largest type id: a frame carries it in one byte, and the zero byte after it marks the frame.</summary>
    public const int MaxId = 255;
}
