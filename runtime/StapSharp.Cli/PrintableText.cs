using System.Globalization;
using System.Text;

namespace StapSharp.Cli;

/// <summary>
/// Text from outside (a file name, a class name, an argument) made safe to print on one line: control
/// characters are written as escapes (<c>\n</c>, <c>\e</c>, <c>\x7f</c>, <c>\u202e</c>), so a file named with
/// a newline or an escape sequence cannot start a forged line or drive the terminal.
/// </summary>
internal static class PrintableText
{
    public static string Escape(string text)
    {
        var first = text.AsSpan().IndexOfAny(NeedEscape);
        if (first < 0)
            return text;
        var escaped = new StringBuilder(text.Length + 8).Append(text, 0, first);
        foreach (var c in text.AsSpan(first))
        {
            if (!NeedEscape.Contains(c))
            {
                escaped.Append(c);
                continue;
            }

            escaped.Append(c switch
            {
                '\n' => @"\n",
                '\r' => @"\r",
                '\t' => @"\t",
                '\e' => @"\e",
                < '\u0100' => string.Create(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}"),
                _ => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
            });
        }

        return escaped.ToString();
    }

    /// <summary>
    /// C0 and C1 control characters and DEL; the line and paragraph separators; and the bidirectional
    /// controls, which reorder what a terminal shows (a name could display as another).
    /// </summary>
    private static readonly System.Buffers.SearchValues<char> NeedEscape = System.Buffers.SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7f, 0x21)).Select(c => (char)c)) +
        "\u061c\u200e\u200f\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069");
}
