using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using StapSharp.Compiler.Diagnostics;

namespace StapSharp.Generators.Analysis;

/// <summary>STAP0401: <c>kernel.function("sys_mkdir")</c> and the rest of the sys_* family, gone from current kernels.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RemovedProbePointAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The diagnostic's property holding the replacement point, for the code fix.</summary>
    public const string ReplacementProperty = "Replacement";

    private static readonly DiagnosticDescriptor Rule = StapDescriptors.For(DiagnosticCatalog.RemovedProbePoint);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (ProbeSymbols.From(start.Compilation) is { } symbols)
            {
                start.RegisterSymbolAction(symbol => Analyze(symbol, symbols), SymbolKind.Method);
            }
        });
    }

    private static void Analyze(SymbolAnalysisContext context, ProbeSymbols symbols)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (!symbols.IsInProbeScript(method))
        {
            return;
        }

        foreach (var (point, attribute) in symbols.PointsOf(method))
        {
            if (!KernelSyscallPoints.TryRewrite(point, out var name, out var replacement) ||
                attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken) is not AttributeSyntax { ArgumentList.Arguments: [var argument, ..] })
            {
                continue;
            }

            var properties = ImmutableDictionary<string, string?>.Empty.Add(ReplacementProperty, replacement);
            context.ReportDiagnostic(Diagnostic.Create(Rule, argument.Expression.GetLocation(), properties, point.Trim(), name, replacement));
        }
    }
}
