using System.Globalization;
using System.Text;

namespace StapSharp.Cli.Output;

/// <summary>How one event value reads as plain text (the text and table formats).</summary>
internal static class EventValueText
{
    public static string Format(object? value) => value switch
    {
        null => "",
        string text => Quote(text),
        byte[] bytes => "0x" + Convert.ToHexString(bytes),
        bool flag => flag ? "true" : "false",
        Errno errno => errno.ToString(),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>
    /// The value unquoted, as a csv cell or a metric's label value holds it: a string as it is, bytes that are not UTF-8 as
    /// <c>0x</c> and hex, an errno as its name (its number when it has none), an enum as its member's name or its number.
    /// </summary>
    public static string Plain(object? value) => value switch
    {
        null => "",
        string text => text,
        byte[] bytes => "0x" + Convert.ToHexString(bytes),
        bool flag => flag ? "true" : "false",
        Errno errno => errno.Name ?? errno.Value.ToString(CultureInfo.InvariantCulture),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary><c>name=value</c> pairs, strings quoted with C escapes so a line stays one line.</summary>
    public static string Fields(OutputEvent e)
    {
        var text = new StringBuilder();
        for (var i = 0; i < e.Values.Count; i++)
        {
            if (i > 0)
            {
                text.Append(' ');
            }

            text.Append(e.Type.FieldNames[i]).Append('=').Append(Format(e.Values[i]));
            if (e.IsTruncated(i))
            {
                text.Append("(cut)");
            }
        }

        return text.ToString();
    }

    private static string Quote(string text)
    {
        var quoted = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            _ = c switch
            {
                '"' => quoted.Append("\\\""),
                '\\' => quoted.Append("\\\\"),
                '\n' => quoted.Append("\\n"),
                '\t' => quoted.Append("\\t"),
                '\r' => quoted.Append("\\r"),
                < ' ' or '\x7f' => quoted.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}"),
                _ => quoted.Append(c),
            };
        }

        return quoted.Append('"').ToString();
    }
}
