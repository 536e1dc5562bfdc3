namespace StapSharp.Compiler.ProbePoints;

/// <summary>Character classes and reserved words of the stap lexer that probe points depend on.</summary>
internal static class StapLexicon
{
    /// <summary>The stap keywords; none of them can name a global.</summary>
    public static IReadOnlySet<string> Keywords => Naming.ReservedNames.Keywords;

    /// <summary>Whitespace the stap lexer skips between tokens (ASCII only, unlike <see cref="char.IsWhiteSpace(char)"/>).</summary>
    public static bool IsWhitespace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f' or '\v';

    public static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_';

    public static bool IsIdentifierChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    /// <summary>A component name starts like an identifier or with a wildcard.</summary>
    public static bool IsComponentNameStart(char c) => IsIdentifierStart(c) || c == '*';

    /// <summary>Wildcards are glued into component names: <c>sys_*</c>, <c>**</c>.</summary>
    public static bool IsComponentNameChar(char c) => IsIdentifierChar(c) || c == '*';

    public static bool IsValidComponentName(string name) =>
        name.Length > 0 && IsComponentNameStart(name[0]) && name.All(IsComponentNameChar);

    /// <summary>A name a condition may refer to: an identifier that is not a keyword.</summary>
    public static bool IsValidGlobalName(string name) =>
        name.Length > 0 && IsIdentifierStart(name[0]) && name.All(IsIdentifierChar) && !Keywords.Contains(name);
}
