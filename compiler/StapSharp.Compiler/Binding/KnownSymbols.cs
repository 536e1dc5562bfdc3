using Microsoft.CodeAnalysis;

namespace StapSharp.Compiler.Binding;

/// <summary>The StapSharp API types, looked up by metadata name so the compiler needs no reference to the API assembly.</summary>
internal sealed class KnownSymbols
{
    public const string ProbeScriptName = "StapSharp.ProbeScript";

    public KnownSymbols(Compilation compilation)
    {
        ProbeScript = compilation.GetTypeByMetadataName(ProbeScriptName);
        ProbeAttribute = compilation.GetTypeByMetadataName("StapSharp.ProbeAttribute");
        TargetAttribute = compilation.GetTypeByMetadataName("StapSharp.TargetAttribute");
        StapFunctionAttribute = compilation.GetTypeByMetadataName("StapSharp.StapFunctionAttribute");
        Stap = compilation.GetTypeByMetadataName("StapSharp.Stap");
        StapMap = compilation.GetTypeByMetadataName("StapSharp.StapMap`2");
        Stats = compilation.GetTypeByMetadataName("StapSharp.Stats");
        Histogram = compilation.GetTypeByMetadataName("StapSharp.Histogram");
        MapQuery = compilation.GetTypeByMetadataName("StapSharp.MapQuery`2");
        Any = compilation.GetTypeByMetadataName("StapSharp.Any");
    }

    public INamedTypeSymbol? ProbeScript { get; }

    public INamedTypeSymbol? ProbeAttribute { get; }

    public INamedTypeSymbol? TargetAttribute { get; }

    public INamedTypeSymbol? StapFunctionAttribute { get; }

    public INamedTypeSymbol? Stap { get; }

    public INamedTypeSymbol? StapMap { get; }

    public INamedTypeSymbol? Stats { get; }

    public INamedTypeSymbol? Histogram { get; }

    public INamedTypeSymbol? MapQuery { get; }

    /// <summary>The key-pattern wildcards <c>Any.Long</c>, <c>Any.String</c>.</summary>
    public INamedTypeSymbol? Any { get; }

    public bool IsStats(ITypeSymbol? type) => SymbolEqualityComparer.Default.Equals(type, Stats);

    public bool IsMapQuery(ITypeSymbol? type) =>
        type is INamedTypeSymbol named && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, MapQuery);

    public bool IsStapMap(ITypeSymbol? type) =>
        type is INamedTypeSymbol named && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, StapMap);

    public bool IsProbeScript(INamedTypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, ProbeScript))
            {
                return true;
            }
        }

        return false;
    }

    public bool Has(ISymbol symbol, INamedTypeSymbol? attribute) => Find(symbol, attribute).Any();

    public IEnumerable<AttributeData> Find(ISymbol symbol, INamedTypeSymbol? attribute) =>
        symbol.GetAttributes().Where(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute));

    /// <summary>The stap function a member of <c>StapSharp.Stap</c> stands for, or null.</summary>
    public string? StapFunctionName(IMethodSymbol method) =>
        Find(method, StapFunctionAttribute).Select(a => a.ConstructorArguments[0].Value as string).FirstOrDefault();
}
