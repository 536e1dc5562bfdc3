using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.Discovery;
using StapSharp.Compiler.ProbePoints;

namespace StapSharp.Generators.Analysis;

/// <summary>
/// STAP0403: <c>map[Tid()] = ...</c> in an entry probe of a script that has a return probe, where
/// nothing ever removes <c>map[Tid()]</c> (or clears the map). Each thread leaves its entry behind,
/// and the map fills up (stap then stops the script with "array overflow").
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PerThreadMapAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The diagnostic's property naming the return probe method the code fix adds the removal to.</summary>
    public const string ReturnProbeProperty = "ReturnProbe";

    private static readonly DiagnosticDescriptor Rule = StapDescriptors.For(DiagnosticCatalog.PerThreadEntryNeverRemoved);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (ProbeSymbols.From(start.Compilation) is { StapMap: not null, Stap: not null } symbols)
            {
                start.RegisterSymbolStartAction(symbol => AnalyzeScript(symbol, symbols), SymbolKind.NamedType);
            }
        });
    }

    private static void AnalyzeScript(SymbolStartAnalysisContext context, ProbeSymbols symbols)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (!ProbeScriptTypes.DerivesFrom(type, symbols.ProbeScript))
        {
            return;
        }

        var returnProbes = type.GetMembers().OfType<IMethodSymbol>().Where(symbols.IsReturnProbe).ToList();
        if (returnProbes.Count == 0)
        {
            // Without a return there is no "on return" to clean up in: a per-thread total kept to the end is fine.
            return;
        }

        var writes = new ConcurrentQueue<(IFieldSymbol Map, IMethodSymbol Probe, SyntaxNode Access)>();
        var removed = new ConcurrentDictionary<IFieldSymbol, bool>(SymbolEqualityComparer.Default);
        context.RegisterOperationAction(operation =>
        {
            if (operation.Operation is IAssignmentOperation { Target: IPropertyReferenceOperation { Arguments: [var key] } access } &&
                symbols.IsTidCall(key.Value) && MapField(access.Instance, symbols) is { } map &&
                operation.ContainingSymbol is IMethodSymbol probe && symbols.IsEntryProbe(probe))
            {
                writes.Enqueue((map, probe, access.Syntax));
            }
        }, OperationKind.SimpleAssignment, OperationKind.CompoundAssignment);
        context.RegisterOperationAction(operation =>
        {
            if (operation.Operation is IInvocationOperation { TargetMethod.Name: "Remove" or "Clear" } call &&
                MapField(call.Instance, symbols) is { } map &&
                (call.TargetMethod.Name == "Clear" || symbols.IsTidCall(call.Arguments.FirstOrDefault()?.Value)))
            {
                removed[map] = true;
            }
        }, OperationKind.Invocation);
        context.RegisterSymbolEndAction(end =>
        {
            foreach (var write in writes.Where(w => !removed.ContainsKey(w.Map)).GroupBy(w => w.Map, SymbolEqualityComparer.Default).Select(g => g.First()))
            {
                var returnProbe = MatchingReturnProbe(write.Probe, returnProbes, symbols);
                var properties = ImmutableDictionary<string, string?>.Empty.Add(ReturnProbeProperty, returnProbe.Name);
                end.ReportDiagnostic(Diagnostic.Create(Rule, write.Access.GetLocation(), properties, write.Map.Name, "Tid()"));
            }
        });
    }

    private static IFieldSymbol? MapField(IOperation? instance, ProbeSymbols symbols) =>
        instance is IFieldReferenceOperation { Field: { IsStatic: true } field } && symbols.IsStapMap(field.Type) ? field : null;

    /// <summary>The return probe whose points are the entry probe's with .return, else the first return probe.</summary>
    private static IMethodSymbol MatchingReturnProbe(IMethodSymbol entry, IReadOnlyList<IMethodSymbol> returnProbes, ProbeSymbols symbols)
    {
        var entryPoints = symbols.PointsOf(entry).Select(p => p.Point.Trim()).ToList();
        return returnProbes.FirstOrDefault(r =>
                   symbols.PointsOf(r).Select(p => ProbePointFacts.EntryPointOf(p.Point)).SequenceEqual(entryPoints)) ??
               returnProbes[0];
    }
}
