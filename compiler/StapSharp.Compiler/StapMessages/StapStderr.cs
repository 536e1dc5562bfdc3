using System.Text.RegularExpressions;

namespace StapSharp.Compiler.StapMessages;

/// <summary>
/// stap's stderr for a script the user wrote in SystemTap: its messages in stap's own words, at the places stap
/// names in that file, without what says nothing about the script (the host's symbol table, pass lines, tips) and without
/// the C compiler's output, which <see cref="ModuleCompileFailure"/> sums up.
/// </summary>
public static partial class StapStderr
{
    /// <summary>"Pass 2: analyzed script: ..." (stap -v), "Pass 2: analysis failed."</summary>
    [GeneratedRegex(@"\APass \d+: ", RegexOptions.CultureInvariant)]
    private static partial Regex PassLine();

    /// <summary>
    /// The lines of <paramref name="stderr"/> worth reading, with <paramref name="scriptPath"/> (the path stap was given)
    /// written as <paramref name="shownPath"/> (as the user named the file); blank lines between messages are kept.
    /// </summary>
    public static IReadOnlyList<string> ReadableLines(string stderr, string scriptPath, string shownPath)
    {
        var lines = new List<string>();
        foreach (var rawLine in stderr.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            if (StapErrorMapper.IsNoise(line) || PassLine().IsMatch(line) || ModuleCompileFailure.IsCompilerLine(line) || (line.Length == 0 && (lines.Count == 0 || lines[^1].Length == 0)))
            {
                continue;
            }

            lines.Add(line.Replace(scriptPath, shownPath, StringComparison.Ordinal));
        }

        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }
}
