using Microsoft.CodeAnalysis;

namespace StapSharp.Compiler.Naming;

/// <summary>
/// Gives each local and parameter of one probe or function a stap name. stap has no block scope and
/// no local declarations, and a name that matches a global IS that global, so every C# local gets a
/// name of its own in the body's <see cref="NameScope"/>, inside the script's globals.
/// </summary>
internal sealed class LocalNames
{
    private readonly NameScope _scope;
    private readonly Dictionary<ISymbol, string> _bySymbol = new(SymbolEqualityComparer.Default);

    public LocalNames(ScriptNames script) => _scope = script.NewBodyScope();

    /// <summary>Claims a name as-is (alias variables must keep theirs); false when stap or the script already uses it.</summary>
    public bool TryClaimExact(ISymbol symbol, string name)
    {
        if (!_scope.TryClaimExact(name))
        {
            return false;
        }

        _bySymbol[symbol] = name;
        return true;
    }

    /// <summary>Claims a name as-is for a local no C# symbol stands for (a library macro's loop variable); false when it is taken.</summary>
    public bool TryClaimExact(string name) => _scope.TryClaimExact(name);

    public string NameOf(ISymbol symbol, string preferred)
    {
        if (!_bySymbol.TryGetValue(symbol, out var name))
        {
            name = _scope.Claim(preferred);
            _bySymbol[symbol] = name;
        }

        return name;
    }

    /// <summary>A fresh name for a local the translator makes up (e.g. the key of <c>foreach (var e in map)</c>).</summary>
    public string Fresh(string preferred) => _scope.Claim(preferred);
}
