using System.Text;

namespace StapSharp.Compiler.Tests.Fuzz;

/// <summary>What a piece of stap script text is.</summary>
internal enum StapTextKind
{
    Code,
    String,
    Comment,
    EmbeddedC,
}

/// <summary>A piece of a script, as written.</summary>
internal sealed record StapTextPiece(StapTextKind Kind, string Text);

/// <summary>
/// Cuts a stap script into code, string literals, comments and embedded C the way stap's lexer
/// does (parse.cxx: <c>#</c>, <c>//</c> and <c>/* */</c> comments, except <c>$#</c> and <c>@#</c>;
/// strings with backslash escapes; <c>%{ %}</c> blocks), and reads a literal's value as the C
/// compiler will (stap copies a literal's escapes into the generated C).
/// </summary>
internal static class StapScriptText
{
    public static IReadOnlyList<StapTextPiece> Split(string script)
    {
        var pieces = new List<StapTextPiece>();
        var code = new StringBuilder();
        var i = 0;
        while (i < script.Length)
        {
            var (kind, end) = script[i] switch
            {
                '"' => (StapTextKind.String, StringEnd(script, i)),
                '#' when i == 0 || script[i - 1] is not ('$' or '@') => (StapTextKind.Comment, LineEnd(script, i)),
                '/' when At(script, i, "//") => (StapTextKind.Comment, LineEnd(script, i)),
                '/' when At(script, i, "/*") => (StapTextKind.Comment, After(script, i + 2, "*/")),
                '%' when At(script, i, "%{") => (StapTextKind.EmbeddedC, After(script, i + 2, "%}")),
                _ => (StapTextKind.Code, -1),
            };
            if (kind == StapTextKind.Code)
            {
                code.Append(script[i++]);
                continue;
            }

            if (code.Length > 0)
            {
                pieces.Add(new StapTextPiece(StapTextKind.Code, code.ToString()));
                code.Clear();
            }

            pieces.Add(new StapTextPiece(kind, script[i..end]));
            i = end;
        }

        if (code.Length > 0)
        {
            pieces.Add(new StapTextPiece(StapTextKind.Code, code.ToString()));
        }

        return pieces;
    }

    /// <summary>The string literals of a script, as written (with their quotes).</summary>
    public static IEnumerable<string> Literals(string script) =>
        Split(script).Where(p => p.Kind == StapTextKind.String).Select(p => p.Text);

    /// <summary>The identifiers of the script's code (not of strings, comments or embedded C).</summary>
    public static IEnumerable<string> Identifiers(string script) =>
        Split(script).Where(p => p.Kind == StapTextKind.Code).SelectMany(p => IdentifierTokens(p.Text));

    /// <summary>
    /// The bytes a stap string literal stands for in the generated C: escapes resolved
    /// (<c>\n \t \r \a \b \f \v \\ \" \' \?</c>, octal, <c>\x</c> hex), and cut at the first NUL as C cuts it.
    /// Null when the literal is malformed (unterminated, a bare quote, an escape C does not have).
    /// </summary>
    public static byte[]? Value(string literal) =>
        literal.Length >= 2 && literal[0] == '"' && literal[^1] == '"' && !HasBareQuote(literal[1..^1]) ? CValue(literal[1..^1]) : null;

    /// <summary>
    /// The bytes of a printf format as stap's <c>-p1</c> dump shows it: stap keeps a literal's escapes
    /// as written (only <c>\"</c> becomes <c>"</c>), and the dump of a format escapes that text again
    /// (<c>\</c> as <c>\\</c>, <c>"</c> as <c>\"</c>).
    /// </summary>
    public static byte[]? DumpedFormatValue(string literal)
    {
        if (literal.Length < 2 || literal[0] != '"' || literal[^1] != '"')
        {
            return null;
        }

        var stored = new StringBuilder();
        var inner = literal[1..^1];
        for (var i = 0; i < inner.Length; i++)
        {
            if (inner[i] == '\\' && i + 1 < inner.Length && inner[i + 1] is '\\' or '"')
            {
                i++;
            }

            stored.Append(inner[i]);
        }

        return CValue(stored.ToString());
    }

    private static bool HasBareQuote(string inner)
    {
        for (var i = 0; i < inner.Length; i++)
        {
            if (inner[i] == '\\')
            {
                i++;
            }
            else if (inner[i] == '"')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The bytes of a C string literal's body (quotes removed): escapes resolved, cut at the first NUL.</summary>
    private static byte[]? CValue(string body)
    {
        var source = Encoding.UTF8.GetBytes(body);
        var bytes = new List<byte>();
        for (var i = 0; i < source.Length; i++)
        {
            if (source[i] != (byte)'\\')
            {
                bytes.Add(source[i]);
                continue;
            }

            if (++i >= source.Length)
            {
                return null;
            }

            switch ((char)source[i])
            {
                case 'n': bytes.Add((byte)'\n'); break;
                case 't': bytes.Add((byte)'\t'); break;
                case 'r': bytes.Add((byte)'\r'); break;
                case 'a': bytes.Add(7); break;
                case 'b': bytes.Add(8); break;
                case 'f': bytes.Add(12); break;
                case 'v': bytes.Add(11); break;
                case '\\' or '"' or '\'' or '?': bytes.Add(source[i]); break;
                case >= '0' and <= '7':
                    var octal = 0;
                    var digits = 0;
                    for (; digits < 3 && i < source.Length && source[i] is >= (byte)'0' and <= (byte)'7'; digits++, i++)
                    {
                        octal = octal * 8 + (source[i] - '0');
                    }

                    i--;
                    if (octal > 255)
                    {
                        return null;
                    }

                    bytes.Add((byte)octal);
                    break;
                case 'x':
                    var hex = 0;
                    var hexDigits = 0;
                    for (i++; i < source.Length && Uri.IsHexDigit((char)source[i]); hexDigits++, i++)
                    {
                        hex = hex * 16 + Convert.ToInt32(((char)source[i]).ToString(), 16);
                    }

                    i--;
                    if (hexDigits == 0 || hex > 255)
                    {
                        return null;
                    }

                    bytes.Add((byte)hex);
                    break;
                default:
                    return null;
            }
        }

        var nul = bytes.IndexOf(0);
        return (nul < 0 ? bytes : bytes.Take(nul)).ToArray();
    }

    /// <summary>The text a literal stands for, or null when its bytes are no UTF-8 text (or the literal is malformed).</summary>
    public static string? TextValue(string literal)
    {
        if (Value(literal) is not { } bytes)
        {
            return null;
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static IEnumerable<string> IdentifierTokens(string code)
    {
        var i = 0;
        while (i < code.Length)
        {
            if (char.IsAsciiLetterOrDigit(code[i]) || code[i] == '_')
            {
                var start = i;
                while (i < code.Length && (char.IsAsciiLetterOrDigit(code[i]) || code[i] == '_'))
                {
                    i++;
                }
                // Numbers are no names; $name and @name are target variables and operators, ->name a member.
                var isName = !char.IsAsciiDigit(code[start]) && (start == 0 || code[start - 1] is not ('$' or '@')) &&
                             (start < 2 || code[(start - 2)..start] != "->");
                if (isName)
                {
                    yield return code[start..i];
                }
            }
            else
            {
                i++;
            }
        }
    }

    private static bool At(string text, int i, string token) => string.CompareOrdinal(text, i, token, 0, token.Length) == 0;

    private static int LineEnd(string text, int i)
    {
        var end = text.IndexOf('\n', i);
        return end < 0 ? text.Length : end;
    }

    private static int After(string text, int i, string close)
    {
        var end = text.IndexOf(close, i, StringComparison.Ordinal);
        return end < 0 ? text.Length : end + close.Length;
    }

    private static int StringEnd(string text, int i)
    {
        for (var j = i + 1; j < text.Length; j++)
        {
            if (text[j] == '\\')
            {
                j++;
            }
            else if (text[j] == '"')
            {
                return j + 1;
            }
            else if (text[j] == '\n')
            {
                return j;
            }
        }

        return text.Length;
    }
}
