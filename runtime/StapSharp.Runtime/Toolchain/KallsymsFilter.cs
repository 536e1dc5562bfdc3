using System.Text.RegularExpressions;

namespace StapSharp.Runtime.Toolchain;

/// <summary>
/// Turns /proc/kallsyms text into System.map lines: text symbols only (types T, t, W, w),
/// no module symbols, no carriage returns from the serial line.
/// </summary>
internal static partial class KallsymsFilter
{
    /// <summary>The extended regex the guest uses with grep -E (the same rule as <see cref="IsSystemMapLine"/>).</summary>
    public const string GrepPattern = "^[0-9a-f]+ [TtWw] [^ ]+$";

    [GeneratedRegex("^[0-9a-f]+ [TtWw] [^ \t\\[\\]]+$")]
    private static partial Regex SystemMapLine();

    /// <summary>True for a kernel text symbol line that belongs in System.map.</summary>
    public static bool IsSystemMapLine(string line) => SystemMapLine().IsMatch(line);

    /// <summary>Cleans and filters lines; keeps order.</summary>
    public static IEnumerable<string> Filter(IEnumerable<string> lines) =>
        lines.Select(l => l.TrimEnd('\r')).Where(IsSystemMapLine);
}
