using Microsoft.CodeAnalysis;

namespace StapSharp.Compiler.Discovery;

/// <summary>
/// What makes a class a probe script, by symbol: the one rule the translator, the generator and the
/// analyzers share. <c>probeScript</c> is the API's ProbeScript as the compilation references it
/// (<see cref="StapSharpApi.Type"/>); a source type of that name is not it.
/// </summary>
public static class ProbeScriptTypes
{
    /// <summary>Derives from ProbeScript, directly or not: a probe script, or a base class of some.</summary>
    public static bool DerivesFrom(INamedTypeSymbol type, INamedTypeSymbol? probeScript)
    {
        for (var current = type.BaseType; current is not null && probeScript is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, probeScript))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A probe script: a class that is not abstract and derives from ProbeScript.</summary>
    public static bool IsScript(INamedTypeSymbol type, INamedTypeSymbol? probeScript) =>
        type is { IsAbstract: false, TypeKind: TypeKind.Class } && DerivesFrom(type, probeScript);
}
