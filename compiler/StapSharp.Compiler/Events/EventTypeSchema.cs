namespace StapSharp.Compiler.Events;

/// <summary>One field of an event record: a primary-constructor parameter.</summary>
/// <param name="Name">The parameter name as declared (no '@').</param>
/// <param name="Kind">The wire kind.</param>
/// <param name="EnumFullName">For <see cref="WireFieldKind.Enum"/>: the enum's <c>Type.FullName</c>.</param>
/// <param name="EnumCSharpName">For <see cref="WireFieldKind.Enum"/>: the enum as a fully qualified C# type (<c>global::...</c>).</param>
public sealed record EventFieldSchema(string Name, WireFieldKind Kind, string? EnumFullName = null, string? EnumCSharpName = null)
{
    /// <summary>The field code: <c>i64</c>, <c>i32</c>, <c>u64</c>, <c>bool</c>, <c>str</c>, <c>errno</c> or <c>enum:&lt;FullName&gt;</c>.</summary>
    public string Code => WireFieldCodes.Of(Kind, EnumFullName);
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
    public string CanonicalText => WireHash.TypeText(TypeFullName, NamesAndCodes);

    /// <summary>FNV-1a 64 of <see cref="CanonicalText"/> as 16 lowercase hex digits.</summary>
    public string TypeHash => WireHash.Of(CanonicalText);

    /// <summary>The schema line: <c>\x1eT&lt;id&gt; &lt;typeFullName&gt; &lt;typeHash&gt; &lt;fieldCount&gt;[ &lt;name&gt;:&lt;code&gt;]*</c> (without the newline).</summary>
    public string SchemaLine => WireFormat.TypeLine(Id, TypeFullName, NamesAndCodes);

    private IReadOnlyCollection<(string Name, string Code)> NamesAndCodes => Fields.Select(f => (f.Name, f.Code)).ToList();

    /// <summary>The script hash of a script's event types (in id order): FNV-1a 64 of their type hashes joined by '|'.</summary>
    public static string ScriptHash(IEnumerable<EventTypeSchema> types) =>
        WireHash.OfScript(types.OrderBy(t => t.Id).Select(t => t.TypeHash));

    /// <summary>The header line's printf format (<see cref="WireFormat.HeaderFormat"/>) for a script's event types.</summary>
    public static string HeaderFormat(IReadOnlyCollection<EventTypeSchema> types) => WireFormat.HeaderFormat(ScriptHash(types), types.Count);
}
