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

    /// <summary>Whether <paramref name="line"/> of stap's stderr says nothing about the script.</summary>
    internal static bool IsNoise(string line) => Noise.IsMatch(line);

    /// <summary>
    /// Diagnostics for every error or warning block in <paramref name="stderr"/> from a run of stap on
    /// the file named <paramref name="stpFileName"/>. Blocks that name no line of that file are kept, unmapped.
    /// </summary>
    public static IReadOnlyList<StapDiagnostic> Map(string stderr, string stpFileName, SourceMap map)
    {
        var blocks = new List<Block>();
        Block? current = null;
        var group = 0;

        void Flush()
        {
            if (current is not null)
            {
                blocks.Add(current);
            }

            current = null;
        }

        foreach (var rawLine in stderr.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            // The C compiler's lines (pass 4) are summed up by ModuleCompileFailure, not reported one by one.
            if (IsNoise(line) || ModuleCompileFailure.IsCompilerLine(line))
            {
                Flush();
                group++;
                continue;
            }

            var start = BlockStart.Match(line);
            if (start.Success)
            {
                Flush();
                current = new Block(group, start.Groups[1].Value == "WARNING" ? StapSeverity.Warning : StapSeverity.Error, $"{start.Groups[1].Value}: {start.Groups[2].Value}");
                current.Locate(line, stpFileName, map);
                continue;
            }

            if (current is not null && line.TrimStart().StartsWith("saw:", StringComparison.Ordinal))
            {
                current.Message += "; " + line.Trim();
                current.Locate(line, stpFileName, map);
            }
        }

        Flush();
        return blocks.Select((block, i) => DiagnosticCatalog.StapReported.At(block.HasPosition ? block.Span : ChainSpan(blocks, i), block.Message) with { Severity = block.Severity })
            .Select(d => d with { Message = Position.Replace(d.Message, m => IsOurs(m, stpFileName) ? string.Empty : m.Value).Trim() })
            .ToList();
    }

    /// <summary>
    /// The place of an error block that names none. stap splits one error over several blocks: "while resolving
    /// probe point … at F:L:C" then "no match (similar functions: …)", or "while processing probe …" then the
    /// error at its place. A block without a place belongs to the error before it in the same run of errors,
    /// or else to the one after it.
    /// </summary>
    private static SourceSpan ChainSpan(List<Block> blocks, int index)
    {
        var block = blocks[index];
        if (block.Severity != StapSeverity.Error)
        {
            return SourceSpan.None;
        }

        bool SameChain(int other) => other >= 0 && other < blocks.Count && blocks[other].Group == block.Group && blocks[other].Severity == StapSeverity.Error;
        for (var before = index - 1; SameChain(before); before--)
        {
            if (blocks[before].HasPosition)
            {
                return blocks[before].Span;
            }
        }

        for (var after = index + 1; SameChain(after); after++)
        {
            if (blocks[after].HasPosition)
            {
                return blocks[after].Span;
            }
        }

        return SourceSpan.None;
    }

    /// <summary>One error or warning of stap's: its message, and its place if it names one in the script.</summary>
    private sealed class Block(int group, StapSeverity severity, string message)
    {
        public int Group { get; } = group;

        public StapSeverity Severity { get; } = severity;

        public string Message { get; set; } = message;

        public SourceSpan Span { get; private set; } = SourceSpan.None;

        /// <summary>Whether the block names any place (in the script or elsewhere, e.g. a tapset).</summary>
        public bool HasPosition { get; private set; }

        public void Locate(string line, string stpFileName, SourceMap map)
        {
            if (Position.IsMatch(line))
            {
                HasPosition = true;
                Span = StapErrorMapper.Locate(line, stpFileName, map, Span);
            }
        }
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
