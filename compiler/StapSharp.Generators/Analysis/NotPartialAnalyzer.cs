using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Generators.Generation;

namespace StapSharp.Generators.Analysis;

/// <summary>
/// STAP0400: a probe script the generator cannot extend because it (or a class around it) is not
/// partial. A suggestion, not a warning: the class still translates with <c>stapsharp build</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NotPartialAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Rule = StapDescriptors.For(DiagnosticCatalog.ProbeScriptNotPartial);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSymbolAction(Analyze, SymbolKind.NamedType);
    }

    private static void Analyze(SymbolAnalysisContext context)
    {
        if (context.Symbol is not INamedTypeSymbol { IsAbstract: false, TypeKind: TypeKind.Class } type || !ProbeScripts.DerivesFromProbeScript(type))
        {
            return;
        }

        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (!ProbeClassShape.IsPartial(current))
            {
                foreach (var reference in current.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax(context.CancellationToken) is TypeDeclarationSyntax declaration)
                    {
                        context.ReportDiagnostic(Diagnostic.Create(Rule, declaration.Identifier.GetLocation(), current.Name));
                    }
                }

                return;
            }
        }
    }
}
