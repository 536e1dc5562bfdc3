using StapSharp.Compiler.IR;

namespace StapSharp.Compiler.Binding;

/// <summary>
/// stap's printf format language (stap 4.8): <c>%[flag][width][.prec][l]conv</c> with at most ONE
/// flag character. Reports what stap itself would reject, and what argument types it expects.
/// </summary>
internal static class PrintfFormat
{
    /// <summary>The argument types a format consumes, in order; or an error message with its offset.</summary>
    public static (IReadOnlyList<StapType> Arguments, string? Error) Parse(string format)
    {
        var arguments = new List<StapType>();
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%')
            {
                continue;
            }

            var start = i++;
            if (i < format.Length && format[i] == '%')
            {
                continue;
            }

            if (i < format.Length && "-+ #0".IndexOf(format[i]) >= 0)
            {
                i++;
            }

            if (i < format.Length && "-+ #".IndexOf(format[i]) >= 0)
            {
                return (arguments, $"'{format.Substring(start, i - start + 1)}' has two flags, and stap reads only one per conversion");
            }

            i = SkipCount(format, i, arguments); // width
            if (i < format.Length && format[i] == '.')
            {
                i = SkipCount(format, i + 1, arguments); // precision
            }

            if (i < format.Length && format[i] == 'l')
            {
                i++;
            }

            if (i >= format.Length)
            {
                return (arguments, $"the conversion at offset {start} is not finished: write e.g. %d, %s, %x, or %% for a percent sign");
            }

            switch (format[i])
            {
                case 's':
                    arguments.Add(StapType.String);
                    break;
                case 'd' or 'i' or 'u' or 'o' or 'x' or 'X' or 'p' or 'c' or 'b' or 'm' or 'M':
                    arguments.Add(StapType.Long);
                    break;
                default:
                    return (arguments, $"'%{format.Substring(start + 1, i - start)}' is not a stap conversion: use d i u o x X p c s b m M, or %% for a percent sign");
            }
        }

        return (arguments, null);
    }

    /// <summary>A width or precision: digits, or '*' which takes a long argument before the value.</summary>
    private static int SkipCount(string format, int i, List<StapType> arguments)
    {
        if (i < format.Length && format[i] == '*')
        {
            arguments.Add(StapType.Long);
            return i + 1;
        }

        // ASCII digits only: stap reads a width with its own lexer, and rejects '٣' (U+0663) where .NET's IsDigit accepts it.
        while (i < format.Length && char.IsAsciiDigit(format[i]))
        {
            i++;
        }

        return i;
    }
}
