using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace StapSharp.Compiler.Binding;

/// <summary>The probe-context API types (Var, TypedPointer, Kernel, ...), looked up once per compilation.</summary>
internal sealed class ContextSymbols
{
    private static readonly ConditionalWeakTable<Compilation, ContextSymbols> Cache = new();

    private ContextSymbols(Compilation compilation)
    {
        Var = compilation.GetTypeByMetadataName("StapSharp.Var");
        TypedPointer = compilation.GetTypeByMetadataName("StapSharp.TypedPointer");
        Kernel = compilation.GetTypeByMetadataName("StapSharp.Kernel");
        StapException = compilation.GetTypeByMetadataName("StapSharp.StapException");
        ScriptArgumentAttribute = compilation.GetTypeByMetadataName("StapSharp.ScriptArgumentAttribute");
        ProbeAliasAttribute = compilation.GetTypeByMetadataName("StapSharp.ProbeAliasAttribute");
        GuruAttribute = compilation.GetTypeByMetadataName("StapSharp.GuruAttribute");
        EmbeddedCAttribute = compilation.GetTypeByMetadataName("StapSharp.EmbeddedCAttribute");
    }

    public INamedTypeSymbol? Var { get; }

    public INamedTypeSymbol? TypedPointer { get; }

    public INamedTypeSymbol? Kernel { get; }

    public INamedTypeSymbol? StapException { get; }

    public INamedTypeSymbol? ScriptArgumentAttribute { get; }

    public INamedTypeSymbol? ProbeAliasAttribute { get; }

    public INamedTypeSymbol? GuruAttribute { get; }

    public INamedTypeSymbol? EmbeddedCAttribute { get; }

    public static ContextSymbols For(Compilation compilation) => Cache.GetValue(compilation, c => new ContextSymbols(c));

    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected) =>
        type is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, expected);
}

/// <summary>What the target-variable and try/catch binders track while binding one body.</summary>
internal sealed class ProbeContextState
{
    /// <summary>
    /// The body is a probe whose every point is a <c>.return</c> probe: <c>@entry</c> is allowed, and a
    /// bare <c>$param</c> (which stap reads at entry) must say so with <c>Entry(...)</c>.
    /// </summary>
    public bool AllPointsReturn { get; set; }

    /// <summary>Nesting depth of <c>Entry(...)</c> and <c>Defined(...)</c> arguments being bound (reads there are explicit).</summary>
    public int ExplicitDepth { get; set; }

    /// <summary><c>catch (StapException e)</c>: the stap string local standing for <c>e.Message</c>.</summary>
    public Dictionary<ILocalSymbol, string> CatchMessages { get; } = new(SymbolEqualityComparer.Default);
}
