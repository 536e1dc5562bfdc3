using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StapSharp.Compiler.Binding;

namespace StapSharp.Compiler.Discovery;

/// <summary>Finds the probe scripts of a compilation: non-abstract classes deriving from StapSharp.ProbeScript.</summary>
internal static class ProbeScriptDiscovery
{
    public static IReadOnlyList<INamedTypeSymbol> Find(Compilation compilation, KnownSymbols known)
    {
        if (known.ProbeScript is null)
        {
            return [];
        }

        var found = new List<INamedTypeSymbol>();
        foreach (var tree in compilation.SyntaxTrees.OrderBy(t => t.FilePath, StringComparer.Ordinal))
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var declaration in tree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>())
            {
                if (model.GetDeclaredSymbol(declaration) is INamedTypeSymbol { IsAbstract: false } type &&
                    known.IsProbeScript(type) &&
                    !found.Contains(type, SymbolEqualityComparer.Default))
                {
                    found.Add(type);
                }
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
}
