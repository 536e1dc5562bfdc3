using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using StapSharp.Compiler;
using StapSharp.Compiler.Discovery;
using StapSharp.Compiler.ProbePoints;

namespace StapSharp.Generators.Analysis;

/// <summary>The StapSharp API's symbols in one compilation, and questions the pitfall analyzers ask of them.</summary>
internal sealed class ProbeSymbols
{
    private ProbeSymbols(INamedTypeSymbol probeScript, INamedTypeSymbol probeAttribute, INamedTypeSymbol? targetAttribute, INamedTypeSymbol? stapMap, INamedTypeSymbol? stap)
    {
        ProbeScript = probeScript;
        ProbeAttribute = probeAttribute;
        TargetAttribute = targetAttribute;
        StapMap = stapMap;
        Stap = stap;
    }

    public INamedTypeSymbol ProbeScript { get; }

    public INamedTypeSymbol ProbeAttribute { get; }

    public INamedTypeSymbol? TargetAttribute { get; }

    public INamedTypeSymbol? StapMap { get; }

    public INamedTypeSymbol? Stap { get; }

    /// <summary>The symbols, from the referenced StapSharp assembly only; null when the compilation does not reference it.</summary>
    public static ProbeSymbols? From(Compilation compilation) =>
        StapSharpApi.Assembly(compilation) is { } api &&
        api.GetTypeByMetadataName(ProbeScripts.ProbeScriptMetadataName) is { } probeScript &&
        api.GetTypeByMetadataName(ProbeScripts.ProbeAttributeMetadataName) is { } probeAttribute
            ? new ProbeSymbols(probeScript, probeAttribute,
                api.GetTypeByMetadataName(ProbeScripts.TargetAttributeMetadataName),
                api.GetTypeByMetadataName(ProbeScripts.StapMapMetadataName),
                api.GetTypeByMetadataName(ProbeScripts.StapMetadataName))
            : null;

    /// <summary>
    /// Whether a probe point fires when a function returns, by the translator's own rule: every point of
    /// the attribute's text has a <c>return</c> component (<c>....return</c>, <c>....return.maxactive(N)</c>,
    /// with or without <c>?</c>/<c>!</c> and a condition).
    /// </summary>
    public static bool IsReturnPoint(string point) => ProbePointFacts.IsReturnPoint(point);

    public bool IsInProbeScript(ISymbol symbol) =>
        symbol.ContainingType is { } type && ProbeScriptTypes.DerivesFrom(type, ProbeScript);

    /// <summary>The probe points of a <c>[Probe]</c> method, each with its attribute; empty for any other method.</summary>
    public IReadOnlyList<(string Point, AttributeData Attribute)> PointsOf(IMethodSymbol method) =>
        [.. method.GetAttributes()
            .Where(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, ProbeAttribute))
            .Select(a => (Point: a.ConstructorArguments.FirstOrDefault().Value as string, Attribute: a))
            .Where(p => p.Point is not null)
            .Select(p => (p.Point!, p.Attribute))];

    /// <summary>A probe all of whose points are return points.</summary>
    public bool IsReturnProbe(IMethodSymbol method) => PointsOf(method) is { Count: > 0 } points && points.All(p => IsReturnPoint(p.Point));

    /// <summary>A probe none of whose points is a return point.</summary>
    public bool IsEntryProbe(IMethodSymbol method) => PointsOf(method) is { Count: > 0 } points && !points.Any(p => IsReturnPoint(p.Point));

    /// <summary>The target variable a <c>[Target]</c> parameter reads, or null for an alias parameter.</summary>
    public string? TargetNameOf(IParameterSymbol parameter) =>
        parameter.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, TargetAttribute)) is { } target
            ? target.ConstructorArguments.FirstOrDefault().Value as string ?? parameter.Name
            : null;

    /// <summary><c>Stap.Tid()</c>, however it is spelled.</summary>
    public bool IsTidCall(IOperation? operation) =>
        operation is IInvocationOperation { TargetMethod: { Name: "Tid", Parameters.Length: 0 } method } &&
        SymbolEqualityComparer.Default.Equals(method.ContainingType, Stap);

    public bool IsStapMap(ITypeSymbol? type) =>
        type is INamedTypeSymbol { IsGenericType: true } named && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, StapMap);
}
