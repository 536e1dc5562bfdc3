using StapSharp.Compiler;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.Events;
using StapSharp.Generators.Generation;

namespace StapSharp.Generators.Translation;

/// <summary>
/// What the translator made of one probe script, as values: the script (null when it has errors
/// or C# errors), the event records it emits, and its diagnostics at their C# places.
/// </summary>
internal sealed record ClassTranslation(ScriptFacts? Script, ScriptEvents Events, EquatableArray<StapDiagnostic> Diagnostics);

/// <summary>
/// What the generated members of a script hold: its .stp text, the C# place of each of its lines
/// (<see cref="SourceSpan.None"/> for a line without one), and what its build needs.
/// </summary>
internal sealed record ScriptFacts(string ClassName, string Text, EquatableArray<SourceSpan> Map, bool Guru, bool KernelDebuginfo, EquatableArray<string> DebuginfoModules)
{
    public static ScriptFacts Of(CompiledScript script) =>
        new(script.ClassName, script.Text, new([.. script.Map.Lines]), script.RequiresGuru,
            script.Debuginfo.NeedsKernelDebuginfo, new([.. script.Debuginfo.DebuginfoModules]));
}

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
