using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace StapSharp.Compiler.Binding;

/// <summary>
/// The StapSharp API types, looked up by metadata name in the referenced StapSharp assembly only
/// (<see cref="StapSharpApi"/>), so the compiler needs no reference to it and user source cannot
/// shadow it; once per compilation (<see cref="For"/>).
/// </summary>
internal sealed class KnownSymbols
{
    public const string ProbeScriptName = "StapSharp.ProbeScript";

    private static readonly ConditionalWeakTable<Compilation, KnownSymbols> Cache = new();

    private KnownSymbols(Compilation compilation)
    {
        var api = StapSharpApi.Assembly(compilation);
        INamedTypeSymbol? Type(string metadataName) => api?.GetTypeByMetadataName(metadataName);
        ProbeScript = Type(ProbeScriptName);
        ProbeAttribute = Type("StapSharp.ProbeAttribute");
        TargetAttribute = Type("StapSharp.TargetAttribute");
        StapFunctionAttribute = Type("StapSharp.StapFunctionAttribute");
        StapGlobalAttribute = Type("StapSharp.StapGlobalAttribute");
        Stap = Type("StapSharp.Stap");
        StapMap = Type("StapSharp.StapMap`2");
        Stats = Type("StapSharp.Stats");
        Histogram = Type("StapSharp.Histogram");
        MapQuery = Type("StapSharp.MapQuery`2");
        Any = Type("StapSharp.Any");
        Var = Type("StapSharp.Var");
        TypedPointer = Type("StapSharp.TypedPointer");
        Kernel = Type("StapSharp.Kernel");
        StapException = Type("StapSharp.StapException");
        ScriptArgumentAttribute = Type("StapSharp.ScriptArgumentAttribute");
        BuildIfAttribute = Type("StapSharp.BuildIfAttribute");
        ProbeAliasAttribute = Type("StapSharp.ProbeAliasAttribute");
        GuruAttribute = Type("StapSharp.GuruAttribute");
        EmbeddedCAttribute = Type("StapSharp.EmbeddedCAttribute");
        Errno = Type("StapSharp.Errno");
        // The BCL's Regex, from its own assembly only, so a source type of that name cannot stand in for it.
        _regex = compilation.References.Select(compilation.GetAssemblyOrModuleSymbol).OfType<IAssemblySymbol>()
            .FirstOrDefault(assembly => assembly.Name == "System.Text.RegularExpressions")
            ?.GetTypeByMetadataName("System.Text.RegularExpressions.Regex");
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

    public INamedTypeSymbol? StapGlobalAttribute { get; }

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

    public INamedTypeSymbol? BuildIfAttribute { get; }

    public INamedTypeSymbol? ProbeAliasAttribute { get; }

    public INamedTypeSymbol? GuruAttribute { get; }

    public INamedTypeSymbol? EmbeddedCAttribute { get; }

    public INamedTypeSymbol? Errno { get; }

    /// <summary>The BCL's <c>Regex</c>, whose <c>IsMatch</c> is stap's <c>=~</c>; null when not referenced.</summary>
    private readonly INamedTypeSymbol? _regex;

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

    public bool IsRegex(ITypeSymbol? type) => _regex is not null && SymbolEqualityComparer.Default.Equals(type, _regex);

    /// <summary>A type of Regex's namespace and assembly (Match, Group, Capture...): results stap has no form for.</summary>
    public bool IsOfRegexNamespace(ISymbol? symbol) =>
        _regex is not null && symbol is not null && SymbolEqualityComparer.Default.Equals(symbol.ContainingNamespace, _regex.ContainingNamespace);

    public bool Has(ISymbol symbol, INamedTypeSymbol? attribute) => Find(symbol, attribute).Any();

    public IEnumerable<AttributeData> Find(ISymbol symbol, INamedTypeSymbol? attribute) =>
        symbol.GetAttributes().Where(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute));

    /// <summary>
    /// The stap function a member of <c>StapSharp.Stap</c> stands for, or null. Only an identifier or
    /// one of the @-operators the binders handle: no other text can come from an attribute.
    /// </summary>
    /// <summary>The tapset global a property of <c>StapSharp.Stap</c> reads (<c>[StapGlobal("argv_1")]</c>), or null; only an identifier.</summary>
    public string? StapGlobalName(ISymbol? symbol) =>
        symbol is IPropertySymbol property && Is(property.ContainingType, Stap)
            ? Find(property, StapGlobalAttribute).Select(a => a.ConstructorArguments[0].Value as string).OfType<string>().FirstOrDefault(Naming.StapNames.IsIdentifier)
            : null;

    public string? StapFunctionName(IMethodSymbol method) =>
        Find(method, StapFunctionAttribute).Select(a => a.ConstructorArguments[0].Value as string)
            .FirstOrDefault(name => name is not null && (Naming.StapNames.IsIdentifier(name) || name.Length > 1 && name[0] == '@' && Naming.StapNames.IsIdentifier(name[1..])));
}
