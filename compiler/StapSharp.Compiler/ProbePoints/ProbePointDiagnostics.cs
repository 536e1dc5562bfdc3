namespace StapSharp.Compiler.ProbePoints;

/// <summary>
/// Turns "the grammar could not continue at this character" into a message that names the
/// likely mistake (script code, embedded C, script arguments…) rather than just the character.
/// </summary>
internal static class ProbePointDiagnostics
{
    /// <param name="current">The character where parsing stopped, or null at the end of the text.</param>
    /// <param name="next">The character after it, or null.</param>
    /// <param name="expected">What the grammar wanted here, e.g. "',' or the end of the probe point".</param>
    public static string Unexpected(char? current, char? next, string expected)
    {
        string? specific = (current, next) switch
        {
            (null, _) => null,
            (';', _) => "';' cannot appear in a probe point: it holds probe points only, not statements",
            ('%', '{' or '}') => "embedded C ('%{ … %}') cannot appear in a probe point",
            ('%', '(' or '?' or ':' or ')') => "preprocessor conditionals ('%( … %)') are not supported in C# probe points; use C# conditional compilation instead",
            ('$' or '@', '#') or ('$' or '@', >= '0' and <= '9') =>
                "script arguments ($1, @1, $#) are named by their field in braces: declare [ScriptArgument(1)] static long Interval = 5; and write timer.s({Interval}) " +
                "(a string field: process({Program}); a whole probe point from a string field: {Target} or {Target}.return); " +
                "test $# with Kernel.ArgumentCount in an if",
            ('$', _) => "target variables ('$name') are not allowed here; a probe condition may only use globals of the script",
            ('@', _) => "'@' operators and macros are not allowed in a probe point",
            ('#', _) or ('/', '/' or '*') => "comments are not allowed in a probe point",
            ('{', _) => $"unexpected '{{'; expected {expected}. A handler body cannot be written in a probe point: put the code in the C# method",
            ('!' or '=', '~') => "regular expression matching ('=~', '!~') is not supported in a probe condition",
            ('=', not '=') => $"unexpected '='; expected {expected}. Assignment is not allowed in a probe condition (did you mean '=='?)",
            ('+', '+') or ('-', '-') => "'++' and '--' are not allowed in a probe condition",
            ('<', '<') or ('>', '>') => "shift operators are not supported in a probe condition",
            _ => null,
        };
        return specific ?? $"unexpected {Describe(current)}; expected {expected}";
    }

    /// <summary>A character as a reader would name it in a message.</summary>
    public static string Describe(char? c) => c switch
    {
        null => "end of text",
        '\n' or '\r' => "line break",
        '\'' => "\"'\"",
        { } printable when printable >= ' ' && printable < 0x7f => $"'{printable}'",
        { } other => $"character U+{(int)other:X4}",
    };
}
