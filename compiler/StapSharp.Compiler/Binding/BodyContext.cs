using Microsoft.CodeAnalysis;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.IR;
using StapSharp.Compiler.Naming;

namespace StapSharp.Compiler.Binding;

/// <summary>What binding one probe handler or function body needs to know.</summary>
internal sealed class BodyContext
{
    public BodyContext(SemanticModel model, KnownSymbols known, ScriptSymbols script, StapDiagnosticBag diagnostics, bool isProbe, StapType returnType)
    {
        Model = model;
        Known = known;
        Script = script;
        Diagnostics = diagnostics;
        IsProbe = isProbe;
        ReturnType = returnType;
        Locals = new LocalNames(script.Names);
        TargetWrites = new TargetWriteRules(this);
    }

    public SemanticModel Model { get; }

    public KnownSymbols Known { get; }

    public ScriptSymbols Script { get; }

    public StapDiagnosticBag Diagnostics { get; }

    /// <summary>A probe handler (C# <c>return</c> means stap <c>next</c>) rather than a function.</summary>
    public bool IsProbe { get; }

    public StapType ReturnType { get; }

    public LocalNames Locals { get; }

    /// <summary>In the body of a helper inlined as a macro: what it reads; null in a probe or a function.</summary>
    public MacroFacts? Macro { get; init; }

    /// <summary>A macro's parameters, read in its body as <c>@name</c>.</summary>
    public Dictionary<IParameterSymbol, string> MacroParameters { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>Probe parameters read as target variables: <c>[Target] long fd</c> → <c>$fd</c>.</summary>
    public Dictionary<IParameterSymbol, string> TargetParameters { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>Which target variables this body may write, and which procfs <c>$value</c> reads stap rejects.</summary>
    public TargetWriteRules TargetWrites { get; }

    /// <summary>Return-probe facts and catch variables, for the target-variable and try/catch binders.</summary>
    public ProbeContextState ProbeContext { get; } = new();

    /// <summary><c>foreach (var e in map)</c>: the stap key variables and value variable standing for <c>e</c>.</summary>
    public Dictionary<ILocalSymbol, (IReadOnlyList<string> Keys, string Value)> MapEntries { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>Locals a library macro's expansion declares (<c>_v</c>, <c>_v1</c>, ... of a Prometheus dump), with their types.</summary>
    public Dictionary<string, StapType> MacroLocals { get; } = new(StringComparer.Ordinal);

    /// <summary>In a foreach over a map of Stats: the local standing for the current element's statistic, <c>a[k1, k2]</c>.</summary>
    public Dictionary<ILocalSymbol, ArrayElement> StatsElements { get; } = new(SymbolEqualityComparer.Default);
}
