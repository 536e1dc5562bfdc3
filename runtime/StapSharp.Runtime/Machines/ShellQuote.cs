namespace StapSharp.Runtime.Machines;

/// <summary>Quotes words for a POSIX shell (busybox ash).</summary>
internal static class ShellQuote
{
    /// <summary>One single-quoted word; embedded quotes become '\''.</summary>
    public static string Quote(string word) => "'" + word.Replace("'", "'\\''") + "'";

    /// <summary>Quotes and joins words with spaces.</summary>
    public static string Join(IEnumerable<string> words) => string.Join(' ', words.Select(Quote));
}
