namespace StapSharp;

// Strings: searching, replacing, quoting and regular-expression groups (tapset/string.stp, regex.stp, tokenize.stp).
public static partial class Stap
{
    /// <summary><c>strpos(s, part)</c>: the index of the first <paramref name="part"/> in <paramref name="s"/>, or -1.</summary>
    [StapFunction("strpos")] public static long StrPos(string s, string part) => StapOnlyException.Throw<long>();

    /// <summary><c>str_replace(s, search, replacement)</c>: every occurrence replaced.</summary>
    [StapFunction("str_replace")] public static string StrReplace(string s, string search, string replacement) => StapOnlyException.Throw<string>();

    /// <summary><c>text_str(s)</c>: non-printable characters escaped.</summary>
    [StapFunction("text_str")] public static string TextStr(string s) => StapOnlyException.Throw<string>();

    /// <summary><c>text_strn(s, length, quoted)</c>: at most <paramref name="length"/> characters, escaped, in quotes when <paramref name="quoted"/> is 1.</summary>
    [StapFunction("text_strn")] public static string TextStrN(string s, long length, long quoted) => StapOnlyException.Throw<string>();

    /// <summary><c>stringat(s, index)</c>: the character code at <paramref name="index"/>.</summary>
    [StapFunction("stringat")] public static long StringAt(string s, long index) => StapOnlyException.Throw<long>();

    /// <summary><c>isdigit(s)</c>: whether the first character is a digit.</summary>
    [StapFunction("isdigit")] public static bool IsDigit(string s) => StapOnlyException.Throw<bool>();

    /// <summary><c>tokenize(s, delimiters)</c>: the first token of <paramref name="s"/>; then <see cref="Tokenize(string)"/> with "" for the next.</summary>
    [StapFunction("tokenize")] public static string Tokenize(string s, string delimiters) => StapOnlyException.Throw<string>();

    /// <summary><c>tokenize(delimiters)</c>: the next token of the string last given to <see cref="Tokenize(string, string)"/>.</summary>
    [StapFunction("tokenize")] public static string Tokenize(string delimiters) => StapOnlyException.Throw<string>();

    /// <summary><c>matched(n)</c>: group <paramref name="n"/> of the last successful =~ match (0: the whole match).</summary>
    [StapFunction("matched")] public static string Matched(long n) => StapOnlyException.Throw<string>();

    /// <summary><c>matched_str()</c>: the text of the last successful =~ match.</summary>
    [StapFunction("matched_str")] public static string MatchedStr() => StapOnlyException.Throw<string>();

    /// <summary><c>ngroups()</c>: how many groups the last successful =~ match had.</summary>
    [StapFunction("ngroups")] public static long NGroups() => StapOnlyException.Throw<long>();
}
