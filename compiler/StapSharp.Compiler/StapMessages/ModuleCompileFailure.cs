using System.Globalization;
using System.Text.RegularExpressions;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.Printing;

namespace StapSharp.Compiler.StapMessages;

/// <summary>
/// Why stap's pass 4 failed, read from its stderr: the C compiler's errors in the C stap generated, the kernel functions the
/// module calls but the kernel does not export, or kbuild failing without either. The compiler's lines name a generated file
/// nobody wrote, so each kind of failure is summed up in one line; an error whose line gcc quotes from the script's own
/// embedded C is put back at that line of the script (and through its source map at the C#).
/// </summary>
/// <param name="CompilerErrors">How many errors the C compiler reported (its notes and warnings not counted).</param>
/// <param name="InEmbeddedC">The errors found in the script's embedded C: the script's line and gcc's message.</param>
/// <param name="UndefinedSymbols">Functions the module calls that the kernel does not export (modpost's "undefined!").</param>
/// <param name="KbuildStatus">kbuild's exit status, when stap reports it.</param>
/// <param name="ScriptHasEmbeddedC">Whether the script holds any <c>%{ %}</c> code of the user's.</param>
public sealed partial record ModuleCompileFailure(
    int CompilerErrors,
    IReadOnlyList<EmbeddedCError> InEmbeddedC,
    IReadOnlyList<string> UndefinedSymbols,
    int? KbuildStatus,
    bool ScriptHasEmbeddedC)
{
    /// <summary>gcc's "FILE:LINE:COL: error: MESSAGE" about a C source or header.</summary>
    [GeneratedRegex(@"^(?<file>[^\s:]+\.[ch]):(?<line>\d+):(?<col>\d+): (?<kind>fatal error|error|warning|note): (?<message>.*)\z", RegexOptions.CultureInvariant)]
    private static partial Regex CompilerMessage();

    /// <summary>gcc's quote of a source line ("  232 |   code") and its caret line ("      |   ^~~").</summary>
    [GeneratedRegex(@"^\s*(?<line>\d*) \|(?: (?<code>.*))?\z", RegexOptions.CultureInvariant)]
    private static partial Regex SourceQuote();

    /// <summary>Everything else kbuild prints around the compiler's messages.</summary>
    [GeneratedRegex(
        @"^([^\s:]+\.[ch]: (In|At) |In file included from |\s+from [^\s:]+:\d+[,:]\z|cc1: |\S*gcc\S*: |compilation terminated\.|make(\[\d+\])?: |(ERROR|WARNING): modpost: |WARNING: kbuild exited with status: )",
        RegexOptions.CultureInvariant)]
    private static partial Regex KbuildLine();

    [GeneratedRegex(@"^ERROR: modpost: ""(?<symbol>[^""]+)"" \[[^\]]*\] undefined!", RegexOptions.CultureInvariant)]
    private static partial Regex UndefinedSymbol();

    [GeneratedRegex(@"^WARNING: kbuild exited with status: (?<status>\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex KbuildStatusLine();

    [GeneratedRegex(@"^Pass 4: compilation failed", RegexOptions.CultureInvariant)]
    private static partial Regex Pass4Failed();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();

    /// <summary>Whether a line of stap's stderr is kbuild's or the C compiler's (shown whole only with -v), not stap's own.</summary>
    public static bool IsCompilerLine(string line) => CompilerMessage().IsMatch(line) || SourceQuote().IsMatch(line) || KbuildLine().IsMatch(line);

    /// <summary>
    /// The pass-4 failure in <paramref name="stderr"/>, or null when stap failed in another pass (or did not say so).
    /// <paramref name="scriptText"/> is the .stp stap compiled, whose <c>%{ %}</c> lines gcc's quotes are looked up in.
    /// </summary>
    public static ModuleCompileFailure? Read(string stderr, string scriptText)
    {
        var lines = stderr.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var status = lines.Select(l => KbuildStatusLine().Match(l)).FirstOrDefault(m => m.Success);
        if (!lines.Any(l => Pass4Failed().IsMatch(l)) && status is null)
        {
            return null;
        }

        var embedded = EmbeddedCLines(scriptText);
        var errors = 0;
        var inEmbeddedC = new List<EmbeddedCError>();
        for (var i = 0; i < lines.Count; i++)
        {
            var message = CompilerMessage().Match(lines[i]);
            if (!message.Success || !message.Groups["kind"].Value.EndsWith("error", StringComparison.Ordinal))
            {
                continue;
            }

            errors++;
            if (i + 1 < lines.Count && SourceQuote().Match(lines[i + 1]) is { Success: true } quote
                && quote.Groups["line"].Value == message.Groups["line"].Value
                && ScriptLineOf(quote.Groups["code"].Value, embedded) is { } scriptLine)
            {
                inEmbeddedC.Add(new EmbeddedCError(scriptLine, message.Groups["message"].Value));
            }
        }

        var undefined = lines.Select(l => UndefinedSymbol().Match(l)).Where(m => m.Success).Select(m => m.Groups["symbol"].Value).Distinct().ToList();
        var kbuildStatus = status is null ? (int?)null : int.Parse(status.Groups["status"].Value, CultureInfo.InvariantCulture);
        return new ModuleCompileFailure(errors, inEmbeddedC, undefined, kbuildStatus, embedded.Count > 0);
    }

    /// <summary>
    /// One line for each kind of failure: what failed for kernel <paramref name="release"/>, and what to do. With
    /// <paramref name="outputShown"/> (stapsharp -v) the compiler's whole output was printed; otherwise the line says how to see it.
    /// </summary>
    public IReadOnlyList<string> Summaries(string release, bool outputShown)
    {
        var see = outputShown ? "its output is above" : $"run again with -v to see {(CompilerErrors == 1 ? "it" : "them")}";
        var lines = new List<string>();
        if (CompilerErrors > 0)
        {
            var reported = $"the module did not compile for kernel {release}: the C compiler reported {Count(CompilerErrors, "error")} in the generated code";
            lines.Add(InEmbeddedC.Count > 0
                ? $"{reported}, {InEmbeddedC.Count} in the script's embedded C ([EmbeddedC], %{{ %}}), shown above at {(InEmbeddedC.Count == 1 ? "its place" : "their places")}; {see}"
                : ScriptHasEmbeddedC
                    ? $"{reported}; {see}; the script's embedded C ([EmbeddedC], %{{ %}}) is where to look"
                    : $"{reported}; {see}; the script has no embedded C, so stap's runtime does not build against this kernel's headers: `stapsharp doctor` checks them");
        }

        if (UndefinedSymbols.Count > 0)
        {
            lines.Add($"the module did not link for kernel {release}: it calls {Count(UndefinedSymbols.Count, "function")} the kernel does not export ({string.Join(", ", UndefinedSymbols)}); "
                + "embedded C ([EmbeddedC], %{ %}) can call only the functions the kernel exports to modules");
        }

        if (lines.Count == 0)
        {
            var status = KbuildStatus is { } code ? $" (status {code})" : string.Empty;
            lines.Add($"the module did not build for kernel {release}: kbuild failed{status} without a compiler error; {(outputShown ? "its output is above" : "run again with -v to see its output")}");
        }

        return lines;
    }

    /// <summary>The errors in the script's embedded C at the C# that wrote the code, through the script's source map.</summary>
    public IReadOnlyList<StapDiagnostic> EmbeddedCDiagnostics(SourceMap map) =>
        [.. InEmbeddedC.Select(error => DiagnosticCatalog.StapReported.At(StapScriptPlace.ToCSharp(error.ScriptLine, map), $"the C compiler rejected this embedded C: {error.Message}"))];

    private static string Count(int count, string noun) => $"{count} {noun}{(count == 1 ? string.Empty : "s")}";

    /// <summary>
    /// The script's line whose embedded C gcc quoted: the one line of a <c>%{ %}</c> block with the same code, spaces aside.
    /// Code on two lines of the script is not placed: gcc's quote cannot tell them apart.
    /// </summary>
    private static int? ScriptLineOf(string quotedCode, IReadOnlyList<(int Line, string Code)> embedded)
    {
        var code = Normalized(quotedCode);
        if (code.Length == 0)
        {
            return null;
        }

        var matches = embedded.Where(e => e.Code == code).Take(2).ToList();
        return matches.Count == 1 ? matches[0].Line : null;
    }

    /// <summary>The 1-based lines of the script inside <c>%{ %}</c>, each with the part of it that is C, spaces collapsed.</summary>
    private static List<(int Line, string Code)> EmbeddedCLines(string scriptText)
    {
        var result = new List<(int, string)>();
        var inside = false;
        var lines = scriptText.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var rest = lines[i].TrimEnd('\r');
            var code = string.Empty;
            while (rest.Length > 0)
            {
                var marker = rest.IndexOf(inside ? "%}" : "%{", StringComparison.Ordinal);
                if (inside)
                {
                    code += marker < 0 ? rest : rest[..marker];
                }

                if (marker < 0)
                {
                    break;
                }

                inside = !inside;
                rest = rest[(marker + 2)..];
            }

            if (Normalized(code) is { Length: > 0 } c)
            {
                result.Add((i + 1, c));
            }
        }

        return result;
    }

    private static string Normalized(string code) => Whitespace().Replace(code, " ").Trim();
}

/// <summary>One C compiler error in a script's own embedded C.</summary>
/// <param name="ScriptLine">The 1-based line of the .stp that holds the code.</param>
/// <param name="Message">gcc's message, as it says it.</param>
public sealed record EmbeddedCError(int ScriptLine, string Message);
