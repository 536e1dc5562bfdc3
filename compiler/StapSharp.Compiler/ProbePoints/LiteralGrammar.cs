using System.Globalization;
using Pidgin;
using static Pidgin.Parser<char>;
using static Pidgin.Parser;
using static StapSharp.Compiler.ProbePoints.TokenParsers;

namespace StapSharp.Compiler.ProbePoints;

/// <summary>String and integer literals as the stap lexer reads them.</summary>
internal static class LiteralGrammar
{
    private const string EscapeList = @"\\ \"" \n \t \r \a \b \f \v, octal \ooo or hex \xhh";

    private static readonly Dictionary<char, char> SimpleEscapes = new()
    {
        ['\\'] = '\\',
        ['"'] = '"',
        ['n'] = '\n',
        ['t'] = '\t',
        ['r'] = '\r',
        ['a'] = '\a',
        ['b'] = '\b',
        ['f'] = '\f',
        ['v'] = '\v',
    };

    /// <summary>The lexer's number token: a digit, then letters and digits (validated afterwards, as stap does).</summary>
    private static readonly Parser<char, string> NumberToken =
        Token(char.IsAsciiDigit).Then(Token(char.IsAsciiLetterOrDigit).ManyString(), (first, rest) => first + rest);

    /// <summary>A non-negative integer; an invalid or out-of-range number is reported at its first digit.</summary>
    public static readonly Parser<char, IntegerLiteral> UnsignedInteger = Magnitude(negative: false);

    /// <summary>An integer with an optional leading '-', as component arguments allow.</summary>
    public static readonly Parser<char, IntegerLiteral> SignedInteger = OneOf(
        Char('-').Then(TokenParsers.Spaces).Then(Magnitude(negative: true).OrUnexpected("digits after '-'")),
        UnsignedInteger);

    private static Parser<char, IntegerLiteral> Magnitude(bool negative) =>
        Lookahead(NumberToken).Bind(text => IntegerText.TryParse(text, negative, out var literal, out var problem)
            ? String(text).WithResult(literal!)
            : Reject<IntegerLiteral>(problem!));

    private static readonly Parser<char, string> OctalEscape =
        Lookahead(Token(IsOctalDigit).AtLeastOnceString()).Bind(digits =>
        {
            // C reads at most three octal digits.
            var escape = digits[..Math.Min(3, digits.Length)];
            var value = Convert.ToInt32(escape, 8);
            return value == 0
                ? Reject<string>(NulEscape($"\\{escape}"))
                : value <= 0x7f
                ? String(escape).WithResult(((char)value).ToString())
                : Reject<string>($"the escape '\\{escape}' is outside ASCII; write the character itself instead of its bytes");
        });

    /// <summary>stap's strings are C strings: a NUL would end the string there and the rest would be lost.</summary>
    private static string NulEscape(string escape) =>
        $"the escape '{escape}' is a NUL, where stap's string would end and lose the rest: leave it out";

    private static readonly Parser<char, string> HexEscape =
        Char('x').Then(Lookahead(Token(char.IsAsciiHexDigit).ManyString()).Bind(digits =>
        {
            if (digits.Length == 0)
            {
                return Reject<string>("expected hex digits after '\\x'");
            }
            // C reads every following hex digit.
            var significant = digits.TrimStart('0');
            var value = significant.Length == 0 ? 0 : significant.Length > 2 ? int.MaxValue : Convert.ToInt32(significant, 16);
            return value == 0
                ? Reject<string>(NulEscape($"\\x{digits}"))
                : value <= 0x7f
                ? String(digits).WithResult(((char)value).ToString())
                : Reject<string>($"the escape '\\x{digits}' is outside ASCII; write the character itself instead of its bytes");
        }));

    private static readonly Parser<char, string> Escape = Char('\\').Then(OneOf(
        Token(SimpleEscapes.ContainsKey).Select(c => SimpleEscapes[c].ToString()),
        OctalEscape,
        HexEscape,
        TokenParsers.PeekTwo.Bind(peek => Reject<string>(peek.Current switch
        {
            null => "unterminated string literal: expected a closing '\"'",
            '\n' or '\r' => "a string literal must end on the line it starts on; write '\\n' for a line break",
            var c => $"unknown escape '\\{c}'; the escapes are {EscapeList}",
        }))));

    private static readonly Parser<char, string> SurrogatePair =
        Token(char.IsHighSurrogate).Then(
            Token(char.IsLowSurrogate).Or(Reject<char>("unpaired UTF-16 surrogate in a string literal")),
            (high, low) => new string([high, low]));

    private static readonly Parser<char, string> StringContent =
        OneOf(Token(IsPlainStringChar).Select(c => c.ToString()), Escape, SurrogatePair).ManyString();

    /// <summary>A double-quoted string; the value has its escapes resolved.</summary>
    public static readonly Parser<char, StringLiteral> QuotedString =
        CurrentOffset.Before(Char('"')).Bind(openedAt => StringContent.Before(ClosingQuote(openedAt)))
            .Select(value => new StringLiteral(value));

    private static Parser<char, char> ClosingQuote(int openedAt) =>
        Char('"').Or(TokenParsers.PeekTwo.Bind(peek => Reject<char>(peek.Current switch
        {
            null => $"unterminated string literal: the string opened at offset {openedAt} needs a closing '\"'",
            '\n' or '\r' => "a string literal must end on the line it starts on: close it with '\"', or write '\\n' for a line break",
            var c => $"{ProbePointDiagnostics.Describe(c)} is not allowed in a string literal",
        })));

    /// <summary>Characters that stand for themselves inside quotes. Tab is allowed raw, as stap allows it.</summary>
    private static bool IsPlainStringChar(char c) =>
        c is not ('"' or '\\' or '\n' or '\r' or '\u2028' or '\u2029')
        && (c == '\t' || !char.IsControl(c))
        && !char.IsSurrogate(c);

    private static bool IsOctalDigit(char c) => c is >= '0' and <= '7';
}

/// <summary>Converts the text of a number token the way stap's <c>strtoll(…, 0)</c> would.</summary>
internal static class IntegerText
{
    private const ulong MagnitudeOfMinValue = 1UL << 63;

    public static bool TryParse(string text, bool negative, out IntegerLiteral? literal, out string? problem)
    {
        literal = null;
        problem = null;
        var (digits, radix, numberBase) = text switch
        {
            ['0', 'x' or 'X', .. var hex] => (hex, IntegerRadix.Hexadecimal, 16),
            ['0', _, ..] => (text[1..], IntegerRadix.Octal, 8),
            _ => (text, IntegerRadix.Decimal, 10),
        };
        if (digits.Length == 0 || !digits.All(c => IsDigitOf(c, numberBase)))
        {
            problem = $"malformed number '{text}'; write a decimal, 0x hexadecimal or 0-prefixed octal integer";
            return false;
        }
        if (!TryAccumulate(digits, numberBase, out var magnitude) || magnitude > (negative ? MagnitudeOfMinValue : long.MaxValue))
        {
            problem = $"the number '{(negative ? "-" : "")}{text}' does not fit in a 64-bit signed integer";
            return false;
        }
        var value = negative ? (long)(0UL - magnitude) : (long)magnitude;
        literal = new IntegerLiteral(value, radix);
        return true;
    }

    private static bool TryAccumulate(string digits, int numberBase, out ulong magnitude)
    {
        magnitude = 0;
        foreach (var c in digits)
        {
            var digit = (ulong)int.Parse(c.ToString(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (magnitude > (ulong.MaxValue - digit) / (ulong)numberBase)
            {
                return false;
            }

            magnitude = magnitude * (ulong)numberBase + digit;
        }
        return true;
    }

    private static bool IsDigitOf(char c, int numberBase) => numberBase switch
    {
        16 => char.IsAsciiHexDigit(c),
        8 => c is >= '0' and <= '7',
        _ => char.IsAsciiDigit(c),
    };
}
