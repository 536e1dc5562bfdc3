using System.Globalization;
using System.Text;

namespace StapSharp.Compiler.Diagnostics;

/// <summary>
/// Text from outside (a file name, a class name, a name or string in a message) made safe to show on
/// one line: every character that could move the cursor, colour the terminal, start a line or reorder
/// what is shown (control characters, line and paragraph separators, Unicode format characters such as
/// bidi overrides, lone surrogates) is written as an escape: <c>\n</c>, <c>\r</c>, <c>\t</c>, <c>\e</c>,
/// <c>\x7f</c>, <c>\u202e</c>. Such text can neither drive the terminal nor forge a line of its own.
/// The one escaper of the translator and the command line.
/// </summary>
public static class DiagnosticText
{
    public static string Escape(string text)
    {
        if (!text.Any(NeedsEscape))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (NeedsEscape(c))
            {
                builder.Append(c switch
                {
                    '\n' => @"\n",
                    '\r' => @"\r",
                    '\t' => @"\t",
                    '\e' => @"\e",
                    < '\u0100' => string.Create(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}"),
                    _ => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                });
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool NeedsEscape(char c) => char.GetUnicodeCategory(c) is
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or
        UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate;
}
