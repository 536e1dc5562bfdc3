using Microsoft.CodeAnalysis;

namespace StapSharp.Compiler.Naming;

/// <summary>
/// Gives each local and parameter of one probe or function a stap name. stap has no block scope and
/// no local declarations, and a name that matches a global IS that global, so every C# local gets a
/// name of its own in the body's <see cref="NameScope"/>, inside the script's globals, except that locals of
/// one method with one name and type share one (see <see cref="SiblingOf"/>).
/// </summary>
internal sealed class LocalNames
{
    private readonly NameScope _scope;
    private readonly Dictionary<ISymbol, string> _bySymbol = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<SiblingKey, string> _byLocalShape = [];

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
            name = SiblingOf(symbol, preferred) ?? _scope.Claim(preferred);
            _bySymbol[symbol] = name;
        }

        return name;
    }

    /// <summary>
    /// The name a local shares with the earlier locals of its method that have its name and type (claimed for the
    /// first of them), or null for a parameter. C# forbids a local to shadow another of its method (CS0136), so two of one name live in
    /// disjoint scopes, and each is assigned before it is read: one stap variable holds both faithfully, as in
    /// the scripts that reuse <c>x</c> in loop after loop. A lambda's locals may shadow, so only the method's own.
    /// </summary>
    private string? SiblingOf(ISymbol symbol, string preferred)
    {
        if (symbol is not ILocalSymbol local)
        {
            return null;
        }

        var key = new SiblingKey(local);
        if (_byLocalShape.TryGetValue(key, out var name))
        {
            return name;
        }

        name = _scope.Claim(preferred);
        _byLocalShape[key] = name;
        return name;
    }

    /// <summary>What makes two locals of one method share a stap name: their name, method, type and ref-ness.</summary>
    private readonly record struct SiblingKey(string Name, ISymbol Method, ITypeSymbol Type, RefKind RefKind)
    {
        public SiblingKey(ILocalSymbol local)
            : this(local.Name, local.ContainingSymbol, local.Type, local.RefKind)
        {
        }

        public bool Equals(SiblingKey other) =>
            Name == other.Name && RefKind == other.RefKind &&
            SymbolEqualityComparer.Default.Equals(Method, other.Method) && SymbolEqualityComparer.Default.Equals(Type, other.Type);

        public override int GetHashCode() =>
            HashCode.Combine(Name, RefKind, SymbolEqualityComparer.Default.GetHashCode(Method), SymbolEqualityComparer.Default.GetHashCode(Type));
    }

    /// <summary>A fresh name for a local the translator makes up (e.g. the key of <c>foreach (var e in map)</c>).</summary>
    public string Fresh(string preferred) => _scope.Claim(preferred);
}
