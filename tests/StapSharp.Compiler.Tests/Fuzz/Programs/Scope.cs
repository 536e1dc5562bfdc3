using System.Collections.Immutable;

namespace StapSharp.Compiler.Tests.Fuzz.Programs;

/// <summary>A scalar the code can read: a local, a parameter or a global (<paramref name="Assignable"/> unless it is a loop's key).</summary>
internal sealed record Variable(string Name, ValueKind Kind, bool Assignable = true);

/// <summary>What a map holds.</summary>
internal enum MapValue
{
    Long,
    String,
    Stats,
}

/// <summary>A <c>StapMap</c> field: its key parts (long or string) and its value.</summary>
internal sealed record MapGlobal(string Name, IReadOnlyList<ValueKind> Keys, MapValue Value)
{
    public string KeyType => Keys.Count == 1 ? TypeName(Keys[0]) : "(" + string.Join(", ", Keys.Select(TypeName)) + ")";

    public string ValueType => Value switch
    {
        MapValue.Long => "long",
        MapValue.String => "string",
        _ => "Stats",
    };

    public static string TypeName(ValueKind kind) => kind switch
    {
        ValueKind.Long => "long",
        ValueKind.Bool => "bool",
        _ => "string",
    };
}

/// <summary>A statistic: a <c>Stats</c> field, a stats-map element or a foreach element, with the one histogram it may use.</summary>
internal sealed record StatsTarget(string Text, string Histogram, bool NeverEmpty = false);

/// <summary>A method of the script that code may call.</summary>
internal sealed record FunctionSignature(string Name, IReadOnlyList<Variable> Parameters, ValueKind? Returns);

/// <summary>An event record the script may emit: its C# name and fields (name, C# type).</summary>
internal sealed record EventType(string Name, IReadOnlyList<(string Name, string Type)> Fields);

/// <summary>What every method of one generated probe class can see.</summary>
internal sealed record ClassContext(
    FuzzFeatures Features,
    ImmutableHashSet<string> MemberNames,
    ImmutableList<Variable> Globals,
    ImmutableList<MapGlobal> Maps,
    ImmutableList<StatsTarget> Stats,
    ImmutableList<FunctionSignature> Functions,
    ImmutableList<EventType> Events,
    string EnumName)
{
    /// <summary>
    /// Code that C# can run: no member of the StapSharp API (they throw when executed), and text that
    /// is ASCII unless <see cref="FuzzFeatures.NonAsciiLength"/> is on (C# counts UTF-16 units where stap counts bytes).
    /// </summary>
    public bool Pure { get; init; }

    public bool AsciiOnly => Pure && !Features.NonAsciiLength;
}

/// <summary>
/// Where code is being generated: the variables in scope, the names C# no longer allows in this
/// method, and what kind of statement may appear here (break only in a loop, a value-return only in
/// a function that has one, no change to a map a foreach walks).
/// </summary>
internal sealed record Scope(
    ClassContext Class,
    ImmutableList<Variable> Variables,
    ImmutableHashSet<string> Taken,
    bool IsProbe,
    ValueKind? Returns,
    bool InLoop,
    ImmutableHashSet<string> IteratedMaps,
    ImmutableList<StatsTarget> LocalStats,
    int Depth)
{
    public FuzzFeatures Features => Class.Features;

    public static Scope ForMethod(ClassContext context, IEnumerable<Variable> parameters, bool isProbe, ValueKind? returns)
    {
        var parameterList = parameters.ToImmutableList();
        var shadowed = parameterList.Select(p => FuzzNames.Key(p.Name)).ToHashSet();
        var visible = context.Globals.Where(g => !shadowed.Contains(FuzzNames.Key(g.Name))).Concat(parameterList).ToImmutableList();
        return new Scope(context, visible, context.MemberNames.Union(shadowed), isProbe, returns, InLoop: false, [], [], Depth: 0);
    }

    public IEnumerable<Variable> Of(ValueKind kind) => Variables.Where(v => v.Kind == kind);

    public IEnumerable<Variable> AssignableOf(ValueKind kind) => Variables.Where(v => v.Kind == kind && v.Assignable);

    /// <summary>Maps that may be changed here (not one a surrounding foreach walks).</summary>
    public IEnumerable<MapGlobal> WritableMaps => Class.Maps.Where(m => !IteratedMaps.Contains(m.Name));

    public IEnumerable<StatsTarget> StatsHere => Class.Stats.Concat(LocalStats);

    /// <summary>
    /// The script's methods code here may call: none inside a foreach, since stap rejects a call that may
    /// change the map being walked (and the generator does not follow what each method changes).
    /// </summary>
    public IReadOnlyList<FunctionSignature> CallableFunctions => IteratedMaps.IsEmpty ? Class.Functions : [];

    public Scope Declare(Variable variable) =>
        this with { Variables = Variables.Add(variable), Taken = Taken.Add(FuzzNames.Key(variable.Name)) };

    public Scope Take(string name) => this with { Taken = Taken.Add(FuzzNames.Key(name)) };

    /// <summary>A nested block: deeper, seeing the same variables; its own declarations end with it.</summary>
    public Scope Nested() => this with { Depth = Depth + 1 };

    /// <summary>Back in the enclosing block after a nested one: the names the nested block took stay taken (C# forbids reusing them here).</summary>
    public Scope After(Scope nested) => this with { Taken = nested.Taken };
}
