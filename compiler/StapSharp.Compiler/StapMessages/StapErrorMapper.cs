using System.Text.RegularExpressions;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.Printing;

namespace StapSharp.Compiler.StapMessages;

/// <summary>
/// Maps stap's own errors back to C#. stap reports <c>... at FILE:LINE:COL</c> (FILE is empty after
/// the first error in the same file); the line is looked up in the script's source map, so the user
/// sees the C# place that produced the failing .stp line, never a .stp line number.
/// </summary>
public static partial class StapErrorMapper
{
    private static readonly Regex BlockStart = new(@"^(semantic error|parse error|ERROR|error|WARNING):\s*(.*)\z", RegexOptions.CultureInvariant);

    private static readonly Regex Position = new(@"\bat (?<file>[^\s:]*):(?<line>\d+):(?<col>\d+)", RegexOptions.CultureInvariant);

    /// <summary>Noise that says nothing about the script (the host's symbol table, pass summaries, tips).</summary>
    private static readonly Regex Noise = new(@"^(WARNING: Kernel function symbol table missing|Pass \d: .*failed|Tip: |\d+ parse errors?\.|Missing separate debuginfos)", RegexOptions.CultureInvariant);

    /// <summary>
    /// Diagnostics for every error or warning block in <paramref name="stderr"/> from a run of stap on
    /// the file named <paramref name="stpFileName"/>. Blocks that name no line of that file are kept, unmapped.
    /// </summary>
    public static IReadOnlyList<StapDiagnostic> Map(string stderr, string stpFileName, SourceMap map)
    {
        var diagnostics = new List<StapDiagnostic>();
        string? message = null;
        var severity = StapSeverity.Error;
        var span = SourceSpan.None;

        void Flush()
        {
            if (message is not null)
            {
                diagnostics.Add(DiagnosticCatalog.StapReported.At(span, message) with { Severity = severity });
            }

            message = null;
            span = SourceSpan.None;
        }

        foreach (var rawLine in stderr.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            if (Noise.IsMatch(line))
            {
                Flush();
                continue;
            }

            var start = BlockStart.Match(line);
            if (start.Success)
            {
                Flush();
                severity = start.Groups[1].Value == "WARNING" ? StapSeverity.Warning : StapSeverity.Error;
                message = $"{start.Groups[1].Value}: {start.Groups[2].Value}";
                span = Locate(line, stpFileName, map, span);
                continue;
            }

            if (message is not null && line.TrimStart().StartsWith("saw:", StringComparison.Ordinal))
            {
                message += "; " + line.Trim();
                span = Locate(line, stpFileName, map, span);
            }
        }

        Flush();
        return diagnostics.Select(d => d with { Message = Position.Replace(d.Message, m => IsOurs(m, stpFileName) ? string.Empty : m.Value).Trim() }).ToList();
    }

    private static SourceSpan Locate(string line, string stpFileName, SourceMap map, SourceSpan current)
    {
        var position = Position.Match(line);
        if (!position.Success || !IsOurs(position, stpFileName))
        {
            return current;
        }

        return StapScriptPlace.ToCSharp(int.Parse(position.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture), map);
    }

    private static bool IsOurs(Match position, string stpFileName) =>
        StapScriptPlace.IsScript(position.Groups["file"].Value, stpFileName);
}
