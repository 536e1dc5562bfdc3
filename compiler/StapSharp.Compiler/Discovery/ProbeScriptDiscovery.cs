using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StapSharp.Compiler.Binding;
using StapSharp.Compiler.Diagnostics;

namespace StapSharp.Compiler.Discovery;

/// <summary>
/// Finds the probe scripts of a compilation: non-abstract classes deriving from StapSharp.ProbeScript.
/// Sources that hold none, and probe methods that no script would run, are reported rather than
/// translated into nothing.
/// </summary>
internal static class ProbeScriptDiscovery
{
    /// <summary>Found once per compilation: a host translating its scripts one at a time asks for each.</summary>
    private static readonly ConditionalWeakTable<Compilation, IReadOnlyList<INamedTypeSymbol>> Found = new();

    public static IReadOnlyList<INamedTypeSymbol> Find(Compilation compilation, KnownSymbols known) =>
        Found.GetValue(compilation, c => FindIn(c, known));

    private static IReadOnlyList<INamedTypeSymbol> FindIn(Compilation compilation, KnownSymbols known)
    {
        if (known.ProbeScript is null)
        {
            return [];
        }

        var found = new List<INamedTypeSymbol>();
        foreach (var type in DeclaredTypes(compilation))
        {
            if (ProbeScriptTypes.IsScript(type, known.ProbeScript) && !found.Contains(type, SymbolEqualityComparer.Default))
            {
                found.Add(type);
            }
        }

        return found;
    }

    /// <summary>
    /// The classes whose members make up a script: its bases below ProbeScript, outermost first, then
    /// the script itself (C# gives a derived class every probe and static field of its bases).
    /// </summary>
    public static IReadOnlyList<INamedTypeSymbol> Hierarchy(INamedTypeSymbol script, KnownSymbols known)
    {
        var chain = new List<INamedTypeSymbol>();
        for (var current = script; current is not null && !SymbolEqualityComparer.Default.Equals(current, known.ProbeScript); current = current.BaseType)
        {
            chain.Insert(0, current);
        }

        return chain;
    }

    /// <summary>[Probe] and [ProbeAlias] methods of types that are not probe scripts: no script would run them.</summary>
    public static IEnumerable<StapDiagnostic> ReportProbesOutsideScripts(Compilation compilation, KnownSymbols known, Func<INamedTypeSymbol, bool> reportsOn)
    {
        foreach (var type in DeclaredTypes(compilation).Distinct<INamedTypeSymbol>(SymbolEqualityComparer.Default).Where(t => !ProbeScriptTypes.DerivesFrom(t, known.ProbeScript)))
        {
            var probes = type.GetMembers().OfType<IMethodSymbol>().Where(m => known.Has(m, known.ProbeAttribute) || known.Has(m, known.ProbeAliasAttribute)).ToList();
            if (probes.Count == 0 || !reportsOn(type))
            {
                continue;
            }

            foreach (var method in probes)
            {
                yield return DiagnosticCatalog.BadProbeMethod.At(SourceSpan.From(method.Locations[0]), method.Name,
                    $"is in '{type.Name}', which does not derive from StapSharp.ProbeScript, so no script would run it: declare '{type.Name}' as a class deriving from ProbeScript");
            }
        }
    }

    /// <summary>That the sources hold no probe script: at an abstract one if there is one (a base is not a script), else without a place.</summary>
    public static StapDiagnostic ReportNoScript(Compilation compilation, KnownSymbols known)
    {
        var abstractScript = known.ProbeScript is null ? null : DeclaredTypes(compilation).FirstOrDefault(t => t.IsAbstract && ProbeScriptTypes.DerivesFrom(t, known.ProbeScript));
        return abstractScript is null
            ? DiagnosticCatalog.NoProbeScript.At(SourceSpan.None, known.ProbeScript is null ? " (they do not reference StapSharp.dll)" : string.Empty)
            : DiagnosticCatalog.NoProbeScript.At(SourceSpan.From(abstractScript.Locations[0]),
                $" ('{abstractScript.Name}' is abstract, so it is a base for probe scripts and not one itself)");
    }

    private static IEnumerable<INamedTypeSymbol> DeclaredTypes(Compilation compilation)
    {
        foreach (var tree in compilation.SyntaxTrees.OrderBy(t => t.FilePath, StringComparer.Ordinal))
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var declaration in tree.GetRoot().DescendantNodes().OfType<TypeDeclarationSyntax>())
            {
                if (model.GetDeclaredSymbol(declaration) is INamedTypeSymbol type)
                {
                    yield return type;
                }
            }
        }
    }
}
