using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace StapSharp.Compiler.Binding;

/// <summary>
/// The StapSharp API types, looked up by metadata name so the compiler needs no reference to the API
/// assembly; once per compilation (<see cref="For"/>).
/// </summary>
internal sealed class KnownSymbols
{
    public const string ProbeScriptName = "StapSharp.ProbeScript";

    private static readonly ConditionalWeakTable<Compilation, KnownSymbols> Cache = new();

    private KnownSymbols(Compilation compilation)
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
        Var = compilation.GetTypeByMetadataName("StapSharp.Var");
        TypedPointer = compilation.GetTypeByMetadataName("StapSharp.TypedPointer");
        Kernel = compilation.GetTypeByMetadataName("StapSharp.Kernel");
        StapException = compilation.GetTypeByMetadataName("StapSharp.StapException");
        ScriptArgumentAttribute = compilation.GetTypeByMetadataName("StapSharp.ScriptArgumentAttribute");
        ProbeAliasAttribute = compilation.GetTypeByMetadataName("StapSharp.ProbeAliasAttribute");
        GuruAttribute = compilation.GetTypeByMetadataName("StapSharp.GuruAttribute");
        EmbeddedCAttribute = compilation.GetTypeByMetadataName("StapSharp.EmbeddedCAttribute");
        ApiFunctionNames = (Stap?.GetMembers().OfType<IMethodSymbol>() ?? [])
            .Select(StapFunctionName).OfType<string>().Where(Naming.StapNames.IsIdentifier)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The API types of <paramref name="compilation"/>, looked up on first use.</summary>
    public static KnownSymbols For(Compilation compilation) => Cache.GetValue(compilation, c => new KnownSymbols(c));

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

    public INamedTypeSymbol? Var { get; }

    public INamedTypeSymbol? TypedPointer { get; }

    public INamedTypeSymbol? Kernel { get; }

    public INamedTypeSymbol? StapException { get; }

    public INamedTypeSymbol? ScriptArgumentAttribute { get; }

    public INamedTypeSymbol? ProbeAliasAttribute { get; }

    public INamedTypeSymbol? GuruAttribute { get; }

    public INamedTypeSymbol? EmbeddedCAttribute { get; }

    /// <summary>The stap functions the members of <c>StapSharp.Stap</c> stand for.</summary>
    public IReadOnlySet<string> ApiFunctionNames { get; }

    /// <summary>True when <paramref name="type"/> (or, for a generic, its definition) is <paramref name="expected"/>.</summary>
    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected) =>
        type is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, expected);

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
