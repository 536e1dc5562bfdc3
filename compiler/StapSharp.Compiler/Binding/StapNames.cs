using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace StapSharp.Compiler.Binding;

/// <summary>What makes a name legal in stap.</summary>
internal static class StapNames
{
    private static readonly HashSet<string> Keywords =
    [
        "probe", "global", "private", "function", "if", "else", "for", "foreach", "in", "limit", "return",
        "delete", "while", "break", "continue", "next", "string", "long", "try", "catch",
    ];

    private static readonly Regex Identifier = new("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant);

    public static bool IsKeyword(string name) => Keywords.Contains(name);

    public static bool IsIdentifier(string name) => Identifier.IsMatch(name);
}

/// <summary>
/// Gives each local of one probe or function a stap name. stap has no block scope and no local
/// declarations, and a name that matches a global IS that global, so a C# local is renamed when its
/// name is a stap keyword, a global, or already taken by another local of the same body.
/// </summary>
internal sealed class LocalNames
{
    private readonly ISet<string> reserved;
    private readonly HashSet<string> taken = [];
    private readonly Dictionary<ISymbol, string> bySymbol = new(SymbolEqualityComparer.Default);

    public LocalNames(ISet<string> reserved) => this.reserved = reserved;

    /// <summary>Claims a name as-is (probe alias variables must keep theirs).</summary>
    public void ClaimExact(ISymbol symbol, string name)
    {
        taken.Add(name);
        bySymbol[symbol] = name;
    }

    public string NameOf(ISymbol symbol, string preferred)
    {
        if (bySymbol.TryGetValue(symbol, out var existing))
        {
            return existing;
        }

        var name = Fresh(preferred);
        bySymbol[symbol] = name;
        return name;
    }

    /// <summary>A fresh name for a compiler-made local (e.g. the key of <c>foreach (var e in map)</c>).</summary>
    public string Fresh(string preferred)
    {
        var name = preferred;
        for (var n = 2; StapNames.IsKeyword(name) || reserved.Contains(name) || taken.Contains(name); n++)
        {
            name = $"{preferred}_{n}";
        }

        taken.Add(name);
        return name;
    }
}
