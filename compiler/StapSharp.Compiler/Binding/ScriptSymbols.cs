using Microsoft.CodeAnalysis;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.IR;

namespace StapSharp.Compiler.Binding;

/// <summary>A static field lowered to a stap global: a scalar of <see cref="ScalarType"/>, or an array.</summary>
internal sealed record GlobalSymbol(string Name, StapType ScalarType, ArrayShape? Array);

/// <summary>A non-probe method lowered to a stap function.</summary>
internal sealed record FunctionSymbol(string Name, StapType ReturnType);

/// <summary>The script-wide names: which C# field is which global, which method which function.</summary>
internal sealed class ScriptSymbols
{
    public ScriptSymbols(Naming.ScriptNames names) => Names = names;

    /// <summary>Where every global, function and local gets its stap name.</summary>
    public Naming.ScriptNames Names { get; }

    public Dictionary<IFieldSymbol, GlobalSymbol> Globals { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>The globals set from a script argument, by their C# field's name: what a probe point's <c>{Name}</c> may name.</summary>
    public Dictionary<string, IR.Global> ScriptArguments { get; } = new(StringComparer.Ordinal);

    public Dictionary<IMethodSymbol, FunctionSymbol> Functions { get; } = new(SymbolEqualityComparer.Default);

    public HashSet<IMethodSymbol> ProbeMethods { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>The event records the script emits, numbered before bodies are bound.</summary>
    public Events.EventCatalog Events { get; set; } = global::StapSharp.Compiler.Events.EventCatalog.Empty;

    /// <summary>The script opted into guru mode with <c>[Guru]</c>: it may write target variables and hold embedded C.</summary>
    public bool Guru { get; set; }

    /// <summary>Histogram kinds and variance shifts seen per statistic: stap allows one of each.</summary>
    public StatsUsage StatsUsage { get; } = new();
}
