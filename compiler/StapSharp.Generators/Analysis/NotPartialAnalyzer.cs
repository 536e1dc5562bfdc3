using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using StapSharp.Compiler;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.Discovery;
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
        context.RegisterCompilationStartAction(start =>
        {
            if (StapSharpApi.Type(start.Compilation, ProbeScripts.ProbeScriptMetadataName) is { } probeScript)
            {
                start.RegisterSymbolAction(symbol => Analyze(symbol, probeScript), SymbolKind.NamedType);
            }
        });
    }

    private static void Analyze(SymbolAnalysisContext context, INamedTypeSymbol probeScript)
    {
        // Reported on the type that lacks 'partial' (the probe script or a class around it), so the
        // diagnostic is local to the symbol analysed and the fix edits that declaration.
        var type = (INamedTypeSymbol)context.Symbol;
        if (ProbeClassShape.IsPartial(type) || FirstProbeScriptIn(type, probeScript) is not { } script)
        {
            return;
        }

        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(context.CancellationToken) is TypeDeclarationSyntax declaration)
            {
                context.ReportDiagnostic(Diagnostic.Create(Rule, declaration.Identifier.GetLocation(), type.Name, script.Name));
            }
        }
    }

    /// <summary>The type itself when it is a probe script, else the first probe script nested in it.</summary>
    private static INamedTypeSymbol? FirstProbeScriptIn(INamedTypeSymbol type, INamedTypeSymbol probeScript) =>
        ProbeScriptTypes.IsScript(type, probeScript)
            ? type
            : type.GetTypeMembers().Select(t => FirstProbeScriptIn(t, probeScript)).FirstOrDefault(t => t is not null);
}
