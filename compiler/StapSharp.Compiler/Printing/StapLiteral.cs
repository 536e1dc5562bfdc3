using System.Text;

namespace StapSharp.Compiler.Printing;

/// <summary>Spells values as stap literals. Any string, whatever bytes it holds, becomes exactly one literal.</summary>
public static class StapLiteral
{
    public static string Quote(string value) => '"' + Escape(value) + '"';

    /// <summary>
    /// The content of a literal: printable ASCII as it is (<c>"</c> and <c>\</c> escaped), every other
    /// byte of the UTF-8 as an escape. Also what a comment holds, which no line end may cut short.
    /// </summary>
    public static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            switch (b)
            {
                case (byte)'"': builder.Append("\\\""); break;
                case (byte)'\\': builder.Append("\\\\"); break;
                case (byte)'\n': builder.Append("\\n"); break;
                case (byte)'\t': builder.Append("\\t"); break;
                case (byte)'\r': builder.Append("\\r"); break;
                // Three octal digits always, so a following digit can never extend the escape.
                case < 0x20 or >= 0x7f: builder.Append('\\').Append(Convert.ToString(b, 8).PadLeft(3, '0')); break;
                default: builder.Append((char)b); break;
            }
        }

        return builder.ToString();
    }

    /// <summary>stap reads integer literals with strtoull: long.MinValue cannot be negated, so it is spelled in hex.</summary>
    public static string Long(long value) =>
        value == long.MinValue ? "0x8000000000000000" : value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
