using Microsoft.CodeAnalysis;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.IR;

namespace StapSharp.Compiler.Binding;

/// <summary>A static field lowered to a stap global: a scalar of <see cref="ScalarType"/>, or an array.</summary>
internal sealed record GlobalSymbol(string Name, StapType ScalarType, ArrayShape? Array);

/// <summary>A non-probe method lowered to a stap function, or inlined as a macro (<see cref="Macro"/> set).</summary>
internal sealed record FunctionSymbol(string Name, StapType ReturnType)
{
    /// <summary>Set for a helper that reads the probe context: it is a stap macro, and this is what its body reads.</summary>
    public MacroFacts? Macro { get; init; }
}

/// <summary>
/// What a macro's body reads that only some probes may: whether that is allowed depends on the probe it is
/// pasted into, so each use is checked where it is written, as the same read in the probe itself would be.
/// </summary>
internal sealed class MacroFacts
{
    /// <summary><c>Entry(...)</c>, directly or through another macro: only a probe whose every point returns may use it.</summary>
    public bool UsesEntry { get; set; }

    /// <summary>A target variable other than <c>$return</c> read outside <c>Entry</c>/<c>Defined</c>: in a return probe, that is its entry value.</summary>
    public bool ReadsTargetVariable { get; set; }

    /// <summary>Adds what a macro used in this one's body reads (outside Entry/Defined when <paramref name="explicitRead"/> is false).</summary>
    public void Include(MacroFacts used, bool explicitRead)
    {
        UsesEntry |= used.UsesEntry;
        ReadsTargetVariable |= used.ReadsTargetVariable && !explicitRead;
    }
}

/// <summary>The script-wide names: which C# field is which global, which method which function.</summary>
internal sealed class ScriptSymbols
{
    public ScriptSymbols(Naming.ScriptNames names) => Names = names;

    /// <summary>Where every global, function and local gets its stap name.</summary>
    public Naming.ScriptNames Names { get; }

    public Dictionary<IFieldSymbol, GlobalSymbol> Globals { get; } = new(SymbolEqualityComparer.Default);

    private HashSet<string>? _globalNames;

    /// <summary>Whether a stap variable name is a global's (and not a body's local). Globals are declared before any body is bound.</summary>
    public bool IsGlobalName(string name)
    {
        if (_globalNames is null || _globalNames.Count != Globals.Count)
        {
            _globalNames = Globals.Values.Select(g => g.Name).ToHashSet(StringComparer.Ordinal);
        }

        return _globalNames.Contains(name);
    }

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
