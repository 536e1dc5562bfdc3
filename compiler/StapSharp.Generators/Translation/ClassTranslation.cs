using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.Events;
using StapSharp.Generators.Generation;

namespace StapSharp.Generators.Translation;

/// <summary>
/// What the translator made of one probe script, as values: the .stp text (null when it has errors
/// or C# errors), the event records it emits, and its diagnostics at their C# places.
/// </summary>
internal sealed record ClassTranslation(string? ScriptText, ScriptEvents Events, EquatableArray<StapDiagnostic> Diagnostics);

/// <summary>The event records a script emits, compared by their schema (the translator's records hold lists, compared by reference).</summary>
internal sealed class ScriptEvents(IReadOnlyList<EventTypeSchema> types) : IEquatable<ScriptEvents>
{
    public static readonly ScriptEvents None = new([]);

    private readonly string _signature = string.Join("\n", types.Select(t =>
        $"{t.Id} {t.CSharpTypeName} {t.SchemaLine} {string.Join(" ", t.Fields.Select(f => f.EnumCSharpName))}"));

    public IReadOnlyList<EventTypeSchema> Types { get; } = types;

    public bool Equals(ScriptEvents? other) => other is not null && _signature == other._signature;

    public override bool Equals(object? obj) => Equals(obj as ScriptEvents);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_signature);
}
