using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.ProbePoints;

namespace StapSharp.Generators.Analysis;

/// <summary>
/// STAP0402: a <c>[Target]</c> parameter (other than <c>$return</c>) of a return probe. stap hands
/// it the value saved when the function was entered, which the code reads as the value at return;
/// <c>Entry(Var.Long("name"))</c> says what it is (the C# form of stap's <c>@entry($name)</c>).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ReturnProbeTargetAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The diagnostic's property holding the entry probe points (one per line), for the code fix; absent when unknown.</summary>
    public const string EntryPointsProperty = "EntryPoints";

    private const string MapAdvice = "a read in the entry probe, kept per thread until the return (the code fix writes it)";

    private static readonly DiagnosticDescriptor Rule = StapDescriptors.For(DiagnosticCatalog.TargetReadInReturnProbe);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (ProbeSymbols.From(start.Compilation) is { TargetAttribute: not null } symbols)
            {
                start.RegisterSymbolAction(symbol => Analyze(symbol, symbols), SymbolKind.Method);
            }
        });
    }

    private static void Analyze(SymbolAnalysisContext context, ProbeSymbols symbols)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (!symbols.IsInProbeScript(method) || !symbols.IsReturnProbe(method))
        {
            return;
        }

        var entryPoints = symbols.PointsOf(method).Select(p => ProbePointFacts.EntryPointOf(p.Point)).ToList();
        var properties = entryPoints.All(p => p is not null)
            ? ImmutableDictionary<string, string?>.Empty.Add(EntryPointsProperty, string.Join("\n", entryPoints))
            : ImmutableDictionary<string, string?>.Empty;
        foreach (var parameter in method.Parameters)
        {
            if (symbols.TargetNameOf(parameter) is { } target && target.Split(["->"], StringSplitOptions.None)[0] != "return")
            {
                var advice = parameter.Type.SpecialType == SpecialType.System_Int64 ? EntryFormOf(target) : MapAdvice;
                context.ReportDiagnostic(Diagnostic.Create(Rule, parameter.Locations[0], properties, parameter.Name, target, advice));
            }
        }
    }

    /// <summary>The C# entry form of a long target variable: <c>Entry(Var.Long("count"))</c>.</summary>
    internal static string EntryFormOf(string target) => $"Entry(Var.Long({SymbolDisplay.FormatLiteral(target, quote: true)}))";
}
