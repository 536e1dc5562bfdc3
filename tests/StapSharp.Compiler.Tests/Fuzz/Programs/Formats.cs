using System.Globalization;
using System.Text;
using CsCheck;

namespace StapSharp.Compiler.Tests.Fuzz.Programs;

/// <summary>
/// printf formats that match their values: stap conversions with at most one flag (stap reads one),
/// widths, precisions and <c>*</c> widths, literal text with <c>%%</c> and escapes.
/// </summary>
internal static class Formats
{
    private sealed record Conversion(string Text, IReadOnlyList<Expr> Values);

    private static readonly Gen<string> Text = Gen.OneOf("", "", " ", "x=", "%%", " | ", "\\n", "\t", "é", "100%% ", "{}", "#");

    private static Gen<Conversion> LongConversion(Scope scope, int depth) => Gen.Select(
        Gen.OneOf("d", "i", "u", "x", "X", "o"),
        Gen.OneOf("", "", "-", "0", "+", " ", "#"),
        Gen.OneOf("", "", "1", "8", "20", "*"),
        Expressions.Long(scope, depth),
        Expressions.Long(scope, 0),
        (letter, flag, width, value, starWidth) =>
        {
            // '+' and ' ' mean something for signed conversions only, '#' for the radix ones.
            var usable = flag switch
            {
                "+" or " " when letter is not ("d" or "i") => "",
                "#" when letter is not ("x" or "X" or "o") => "",
                _ => flag,
            };
            return new Conversion("%" + usable + width + letter, width == "*" ? [starWidth, value] : [value]);
        });

    private static Gen<Conversion> StringConversion(Scope scope, int depth) => Gen.Select(
        Gen.OneOf("", "", "-"),
        Gen.OneOf("", "", "12", ".3", "10.2"),
        Expressions.String(scope, depth),
        (flag, width, value) => new Conversion("%" + flag + width + "s", [value]));

    /// <summary>A format literal (C# source) and its values, in order.</summary>
    public static Gen<(string Format, IReadOnlyList<Expr> Values)> Format(Scope scope, int depth)
    {
        var conversion = Choose.Weighted((2, () => LongConversion(scope, depth)), (1, () => StringConversion(scope, depth)));
        const int max = 3;
        return Gen.Select(conversion.Array[0, max], Text.Array[max + 1], (conversions, texts) =>
        {
            var format = new StringBuilder(texts[0]);
            for (var i = 0; i < conversions.Length; i++)
            {
                format.Append(conversions[i].Text).Append(texts[i + 1]);
            }

            return ("\"" + format + "\"", (IReadOnlyList<Expr>)conversions.SelectMany(c => c.Values).ToList());
        });
    }

    public static Gen<Expr> Sprintf(Scope scope, int depth) =>
        Format(scope, depth).Select(f => (Expr)new Call(ValueKind.String, "Sprintf",
            [new Argument(null, new Atom(ValueKind.String, f.Format)), .. f.Values.Select(v => new Argument(null, v))]));

    /// <summary><c>Printf("...\n", values)</c> as a statement.</summary>
    public static Gen<string> Printf(Scope scope, int depth) =>
        Format(scope, depth).Select(f => "Printf(" + string.Join(", ", f.Values.Select(CSharp.Of).Prepend(f.Format[..^1] + "\\n\"")) + ")");
}

/// <summary>C# spellings of arbitrary values.</summary>
internal static class CSharpLiteral
{
    /// <summary>
    /// A regular C# string literal whose value is exactly <paramref name="value"/>: quotes, backslashes,
    /// controls, formatting characters, line separators and lone surrogates are escaped, the rest written as it is.
    /// </summary>
    public static string Quote(string value)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\0': builder.Append("\\0"); break;
                default:
                    var category = char.GetUnicodeCategory(c);
                    if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.LineSeparator
                        or UnicodeCategory.ParagraphSeparator or UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse)
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }
}
