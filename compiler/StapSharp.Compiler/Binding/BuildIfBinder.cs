using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StapSharp.Compiler.Bound;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.IR;
using StapSharp.Compiler.Lowering;

namespace StapSharp.Compiler.Binding;

/// <summary>
/// <c>[BuildIf(nameof(HasNuma))]</c> on a probe or a static field: declared only when the condition of the static
/// bool property it names holds (<c>Otherwise = true</c>: when it does not), stap's <c>%( condition %? ... %)</c>. The
/// property's body is bound as the condition of an <c>if</c> on Kernel facts is (<see cref="PreprocessorBinder"/>),
/// so its checks and its size limit are the same; it is bound once however many declarations name it.
/// </summary>
internal sealed class BuildIfBinder
{
    private const string Form = "name a static bool property of this script whose body is a condition on Kernel facts: static bool HasNuma => Kernel.Config(\"CONFIG_NUMA\") == \"y\"; then [BuildIf(nameof(HasNuma))]";

    // A declaration's condition cannot be nested the way an if's can; a probe's body can test the rest.
    private const string NestAdvice = "a [BuildIf] condition cannot be nested: keep in the property only the && parts that decide whether the probe point or the global can exist, and test the others with an if on the same Kernel facts inside the probe's body, one if inside the other";

    private readonly INamedTypeSymbol _script;
    private readonly Compilation _compilation;
    private readonly KnownSymbols _known;
    private readonly ScriptSymbols _symbols;
    private readonly StapDiagnosticBag _diagnostics;
    private readonly Dictionary<IPropertySymbol, BuildTest?> _conditions = new(SymbolEqualityComparer.Default);

    public BuildIfBinder(INamedTypeSymbol script, Compilation compilation, KnownSymbols known, ScriptSymbols symbols, StapDiagnosticBag diagnostics)
    {
        _script = script;
        _compilation = compilation;
        _known = known;
        _symbols = symbols;
        _diagnostics = diagnostics;
    }

    /// <summary>The names the script's [BuildIf] attributes give: properties of those names are conditions, not members to translate.</summary>
    public static IReadOnlySet<string> NamedConditions(IEnumerable<ISymbol> members, KnownSymbols known) =>
        members.SelectMany(m => known.Find(m, known.BuildIfAttribute))
            .Select(a => a.ConstructorArguments is [{ Value: string name }] ? name : null)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The condition a probe or global is declared under; null without [BuildIf] or when it was reported.</summary>
    public DeclarationCondition? ConditionOf(ISymbol declaration)
    {
        if (_known.Find(declaration, _known.BuildIfAttribute).FirstOrDefault() is not { } attribute)
        {
            return null;
        }

        var syntax = attribute.ApplicationSyntaxReference?.GetSyntax() as AttributeSyntax;
        var place = (SyntaxNode?)syntax?.ArgumentList?.Arguments.FirstOrDefault()?.Expression ?? syntax;
        var location = place?.GetLocation() ?? declaration.Locations[0];
        var otherwise = attribute.NamedArguments.Any(a => a.Key == "Otherwise" && a.Value.Value is true);
        if (declaration is IMethodSymbol method && !_known.Has(method, _known.ProbeAttribute) || declaration is IFieldSymbol { IsConst: true })
        {
            _diagnostics.Report(DiagnosticCatalog.BadBuildIf, location, $"[BuildIf] on '{declaration.Name}'",
                "only a probe or a global is declared under a condition (a function is built when a probe calls it): put [BuildIf] on the probe that calls it");
            return null;
        }

        var name = attribute.ConstructorArguments is [{ Value: string written }] ? written : null;
        if (name is null || Property(name) is not { } property)
        {
            _diagnostics.Report(DiagnosticCatalog.BadBuildIf, location, $"'{name}'", $"is no property of the script: {Form}");
            return null;
        }

        if (!property.IsStatic || property.Type.SpecialType != SpecialType.System_Boolean || ConditionSyntax(property) is null)
        {
            _diagnostics.Report(DiagnosticCatalog.BadBuildIf, location, $"'{name}'",
                $"is not a static bool property with an expression body (=> ... or get => ...): {Form}");
            return null;
        }

        if (Condition(property) is not { } test)
        {
            return null;
        }

        var condition = BuildConditionLowering.Condition(otherwise ? new BuildNot(test) : test);
        return new DeclarationCondition(property.Name, otherwise, condition, SourceSpan.From(location));
    }

    private IPropertySymbol? Property(string name)
    {
        for (var type = _script; type is not null; type = type.BaseType)
        {
            if (type.GetMembers(name).OfType<IPropertySymbol>().FirstOrDefault() is { } property)
            {
                return property;
            }
        }

        return null;
    }

    private static ExpressionSyntax? ConditionSyntax(IPropertySymbol property) =>
        property.DeclaringSyntaxReferences.Select(r => r.GetSyntax()).OfType<PropertyDeclarationSyntax>().FirstOrDefault() switch
        {
            { ExpressionBody: { } arrow } => arrow.Expression,
            { AccessorList.Accessors: [{ ExpressionBody: { } getter } accessor] } when accessor.Keyword.Text == "get" => getter.Expression,
            { AccessorList.Accessors: [{ Body.Statements: [ReturnStatementSyntax { Expression: { } returned }] } accessor] } when accessor.Keyword.Text == "get" => returned,
            _ => null,
        };

    /// <summary>The property's body as a build-time test, bound once; null when it was reported.</summary>
    private BuildTest? Condition(IPropertySymbol property)
    {
        if (_conditions.TryGetValue(property, out var known))
        {
            return known;
        }

        var expression = ConditionSyntax(property)!;
        var context = new BodyContext(_compilation.GetSemanticModel(expression.SyntaxTree), _known, _symbols, _diagnostics, isProbe: false, StapType.Void);
        var test = PreprocessorBinder.TryBindCondition(expression, context, NestAdvice);
        if (test is null)
        {
            _diagnostics.Report(DiagnosticCatalog.BadBuildIf, expression, $"'{property.Name}'",
                "reads no Kernel fact, so stap could not decide it when it builds the script: write the condition with Kernel facts, e.g. Kernel.Config(\"CONFIG_NUMA\") == \"y\" or Kernel.VersionAtLeast(\"5.10\")");
        }

        _conditions[property] = test;
        return test;
    }
}
