using Microsoft.CodeAnalysis;

namespace StapSharp.Compiler.Binding;

/// <summary>What to write instead of a call that has no stap form (STAP0006): the stap forms of string and regex work by name.</summary>
internal static class CallAdvice
{
    private const string General = "call a method of this probe script or a member of StapSharp.Stap";

    private const string StringFunctions =
        "stap's strings have StrLen, Substr, StrPos, IsInStr, StrReplace, Tokenize, StrToL and StringAt (members of StapSharp.Stap), ==, != and +, and Regex.IsMatch(s, \"pattern\") for =~";

    public static string For(IMethodSymbol method, KnownSymbols known)
    {
        if (known.IsRegex(method.ContainingType))
        {
            return RegexBinder.Advice;
        }

        if (method.ContainingType.SpecialType != SpecialType.System_String)
        {
            return General;
        }

        var instead = method.Name switch
        {
            "Contains" => "IsInStr(s, part)",
            "IndexOf" => "StrPos(s, part), -1 when absent",
            "Substring" => "Substr(s, start, length)",
            "Replace" => "StrReplace(s, search, replacement)",
            "StartsWith" => "StrPos(s, prefix) == 0, or Regex.IsMatch(s, \"^prefix\")",
            "EndsWith" => "Regex.IsMatch(s, \"suffix$\") (escape the suffix's . * + ? ( ) [ { | ^ $ \\ with \\)",
            "Split" => "Tokenize(s, delimiters) for the first token, then Tokenize(delimiters) for each next one",
            "Equals" or "CompareOrdinal" => "== or !=",
            "IsNullOrEmpty" => "s == \"\" (a stap string is never null)",
            "Concat" => "+",
            _ => null,
        };
        return instead is null ? StringFunctions : $"write {instead}; {StringFunctions}";
    }
}
