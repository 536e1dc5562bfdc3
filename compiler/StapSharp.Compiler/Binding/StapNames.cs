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

    /// <summary>
    /// A stap spelling of a C# name: characters stap cannot spell (C# allows any Unicode letter)
    /// become <c>_uXXXX</c>, and a stap keyword gets a trailing <c>_</c>.
    /// </summary>
    public static string Spell(string name)
    {
        if (!IsIdentifier(name))
        {
            var builder = new System.Text.StringBuilder();
            foreach (var c in name)
            {
                builder.Append(c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' ? c.ToString() : $"_u{(int)c:X4}");
            }

            name = char.IsDigit(builder[0]) ? "_" + builder : builder.ToString();
        }

        return IsKeyword(name) ? name + "_" : name;
    }
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
        preferred = StapNames.Spell(preferred);
        var name = preferred;
        for (var n = 2; reserved.Contains(name) || taken.Contains(name); n++)
        {
            name = $"{preferred}_{n}";
        }

        taken.Add(name);
        return name;
    }
}
