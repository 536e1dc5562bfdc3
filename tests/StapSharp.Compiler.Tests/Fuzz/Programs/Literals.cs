using System.Text;
using CsCheck;

namespace StapSharp.Compiler.Tests.Fuzz.Programs;

/// <summary>C# literals in their many spellings: integers in every radix and with separators, strings regular and verbatim with escapes.</summary>
internal static class Literals
{
    public static readonly Gen<Expr> Long = Choose.Weighted<Expr>(
        (6, () => Gen.Int[0, 9].Select(n => Atom(n.ToString(System.Globalization.CultureInfo.InvariantCulture)))),
        (2, () => Gen.Int[-20, -1].Select(n => Atom(n.ToString(System.Globalization.CultureInfo.InvariantCulture)))),
        (2, () => Gen.OneOf("1_000_000", "0x1F", "0xFFFF_FFFFL", "0b1011", "123L", "4096", "0x7fffffffffffffff", "1000000000000")
            .Select(Atom)),
        (1, () => Gen.OneOf("long.MaxValue", "long.MinValue", "-9223372036854775808", "int.MaxValue", "-2147483648").Select(Atom)));

    /// <summary>A non-zero divisor.</summary>
    public static readonly Gen<Expr> NonZero = Gen.OneOf("1", "2", "3", "7", "-1", "-5", "1000", "0x10").Select(Atom);

    /// <summary>A shift count (C# requires an int; counts past 63 and negative ones are masked as stap masks them).</summary>
    public static readonly Gen<Expr> ShiftCount = Gen.OneOf("0", "1", "3", "8", "31", "63", "64", "65", "-1").Select(Atom);

    public static readonly Gen<Expr> Bool = Gen.OneOf("true", "false").Select(text => (Expr)new Atom(ValueKind.Bool, text));

    /// <summary>A piece of string content: its C# spelling in a regular literal, in a verbatim literal, and its value.</summary>
    private sealed record Piece(string Regular, string Verbatim, string Value);

    private static readonly Piece[] Pieces =
    [
        new("a", "a", "a"), new("Z", "Z", "Z"), new("7", "7", "7"), new(" ", " ", " "), new("%", "%", "%"), new("%d", "%d", "%d"),
        new("\\\"", "\"\"", "\""), new("\\\\", "\\", "\\"), new("\\n", null!, "\n"), new("\\t", null!, "\t"),
        new("é", "é", "é"), new("\\u00e9", "é", "é"), new("名", "名", "名"), new("#", "#", "#"), new(";", ";", ";"), new("$", "$", "$"),
        new("{", "{", "{"), new("}", "}", "}"), new("'", "'", "'"), new("/*", "/*", "/*"), new("\\u2028", null!, "\u2028"),
    ];

    private static readonly Piece[] AsciiPieces = Pieces.Where(p => p.Value.All(char.IsAscii)).ToArray();

    /// <summary>A string literal: regular or verbatim, empty or with pieces that need escaping in C#, in stap, or in printf.</summary>
    public static readonly Gen<Expr> String = StringOf(Pieces);

    /// <summary>A string literal of ASCII text.</summary>
    public static readonly Gen<Expr> AsciiString = StringOf(AsciiPieces);

    private static Gen<Expr> StringOf(Piece[] pool) => Gen.Select(Gen.Int[0, pool.Length - 1].Array[0, 8], Gen.Bool, (indexes, verbatim) =>
    {
        var pieces = indexes.Select(i => pool[i]).ToList();
        var useVerbatim = verbatim && pieces.All(p => p.Verbatim is not null);
        var text = useVerbatim
            ? "@\"" + string.Concat(pieces.Select(p => p.Verbatim)) + "\""
            : "\"" + string.Concat(pieces.Select(p => p.Regular)) + "\"";
        return (Expr)new Atom(ValueKind.String, text);
    });

    /// <summary>Text for an interpolated string: its C# spelling (braces doubled when <paramref name="braces"/>), no holes.</summary>
    public static Gen<string> InterpolationText(bool braces, bool ascii)
    {
        var pool = ascii ? AsciiPieces : Pieces;
        return Gen.Int[0, pool.Length - 1].Array[1, 5].Select(indexes =>
        {
            var text = new StringBuilder();
            foreach (var piece in indexes.Select(i => pool[i]))
            {
                text.Append(piece.Regular switch
                {
                    "{" => braces ? "{{" : "(",
                    "}" => braces ? "}}" : ")",
                    var regular => regular,
                });
            }

            return text.ToString();
        });
    }

    private static Expr Atom(string text) => new Atom(ValueKind.Long, text);
}
