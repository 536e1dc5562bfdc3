using System.Globalization;
using System.Text;

namespace StapSharp.Compiler.Diagnostics;

/// <summary>
/// Text from user input made safe to show in a diagnostic: every character that could move the
/// cursor, colour the terminal, start a line or reorder what is shown (control characters, line
/// and paragraph separators, Unicode format characters such as bidi overrides, lone surrogates)
/// becomes a visible <c>\uXXXX</c>. A name or string in a message then can neither carry an escape
/// sequence nor forge a diagnostic line of its own.
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
            else if (NeedsEscape(c) || char.IsSurrogate(c))
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
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
