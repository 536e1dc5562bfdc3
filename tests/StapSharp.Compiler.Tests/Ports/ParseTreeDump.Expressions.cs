using System.Globalization;
using System.Text.RegularExpressions;

namespace StapSharp.Compiler.Tests.Ports;

/// <summary>
/// Expression forms that C# cannot write as stap does but that are the same program:
/// integer constant arithmetic (the C# compiler folds <c>1024 * 1024</c>; stap's const_folder in
/// elaborate.cxx folds it at -p2), and a long as a <c>?:</c> condition (C# writes <c>x != 0</c>).
/// </summary>
internal static partial class ParseTreeDump
{
    private const string TernaryNotZero = ") != (0))?(";

    private static string NormalizeExpression(string text)
    {
        var folded = FoldConstants(text);
        return TernaryOnLong(folded);
    }

    /// <summary><c>((6) * (7))</c> is <c>(42)</c>, innermost first, for + - and * on non-negative literals that do not overflow.</summary>
    private static string FoldConstants(string text)
    {
        while (true)
        {
            var changed = false;
            text = ConstantOperation().Replace(text, match =>
            {
                if (!long.TryParse(match.Groups["left"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var left)
                    || !long.TryParse(match.Groups["right"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var right))
                {
                    return match.Value;
                }

                try
                {
                    var value = match.Groups["op"].Value switch
                    {
                        "*" => checked(left * right),
                        "+" => checked(left + right),
                        _ => left - right,
                    };
                    if (value < 0)
                    {
                        return match.Value; // a negative literal prints as unary minus: leave it
                    }

                    changed = true;
                    return value.ToString(CultureInfo.InvariantCulture);
                }
                catch (OverflowException)
                {
                    return match.Value;
                }
            });
            if (!changed)
            {
                return text;
            }
        }
    }

    /// <summary><c>((x) != (0))?(a):(b)</c> is <c>(x)?(a):(b)</c>: stap tests a long condition against 0.</summary>
    private static string TernaryOnLong(string text)
    {
        var from = 0;
        while (true)
        {
            var at = text.IndexOf(TernaryNotZero, from, StringComparison.Ordinal);
            if (at < 0)
            {
                return text;
            }

            var open = MatchingOpen(text, at);
            if (open > 0 && text[open - 1] == '(')
            {
                // "(" "(x)" ") != (0))" "?(" → "(x)" "?("
                text = text[..(open - 1)] + text[open..(at + 1)] + text[(at + TernaryNotZero.Length - 2)..];
                from = open;
            }
            else
            {
                from = at + 1;
            }
        }
    }

    /// <summary>The index of the '(' that the ')' at <paramref name="close"/> closes, string literals skipped; -1 if none.</summary>
    private static int MatchingOpen(string text, int close)
    {
        var opens = new Stack<int>();
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '"':
                    for (i++; i < text.Length && text[i] != '"'; i++)
                    {
                        if (text[i] == '\\')
                        {
                            i++;
                        }
                    }

                    break;
                case '(':
                    opens.Push(i);
                    break;
                case ')':
                    if (opens.Count == 0)
                    {
                        return -1;
                    }

                    var open = opens.Pop();
                    if (i == close)
                    {
                        return open;
                    }

                    break;
            }
        }

        return -1;
    }

    /// <summary>A binary operation on two literals as stap prints it: <c>(6) * (7)</c>, alone in its parentheses.</summary>
    [GeneratedRegex(@"\((?<left>\d+)\) (?<op>[*+-]) \((?<right>\d+)\)(?=\))")]
    private static partial Regex ConstantOperation();
}
