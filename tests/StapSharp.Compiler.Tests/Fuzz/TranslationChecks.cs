using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.Text;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.Fuzz;

/// <summary>What a compilation of some sources gave: the output, or the exception that escaped the translator.</summary>
internal sealed record Translation(IReadOnlyList<(string Path, string Text)> Sources, CompilationOutput? Output, Exception? Crash)
{
    public bool Accepted => Output is { HasErrors: false };
}

/// <summary>
/// The properties every translation must have, whatever its input: no exception escapes
/// <see cref="ScriptCompiler"/>, every diagnostic has an id and a real place in the sources, and an
/// emitted script declares no name that stap's library already gives a meaning.
/// </summary>
internal static partial class TranslationChecks
{
    public static Translation Translate(IReadOnlyList<(string Path, string Text)> sources)
    {
        try
        {
            return new Translation(sources, ScriptCompiler.CompileSources(sources, TestCompiler.References.Value), null);
        }
        catch (Exception e)
        {
            return new Translation(sources, null, e);
        }
    }

    public static Translation Translate(string path, string text) => Translate([(path, text)]);

    /// <summary>Throws with what is wrong: an escaped exception, or a diagnostic without id or place.</summary>
    public static void AssertNoCrashAndPlacedDiagnostics(Translation translation)
    {
        if (translation.Crash is { } crash)
        {
            throw new TranslationException($"an exception escaped ScriptCompiler: {crash}");
        }

        foreach (var diagnostic in translation.Output!.Diagnostics)
        {
            if (!DiagnosticId().IsMatch(diagnostic.Id))
            {
                throw new TranslationException($"diagnostic without a stable id: {diagnostic}");
            }

            if (string.IsNullOrWhiteSpace(diagnostic.Message))
            {
                throw new TranslationException($"diagnostic without a message: {diagnostic.Id}");
            }

            if (diagnostic.Severity == StapSeverity.Error && !IsRealPlace(diagnostic.Span, translation.Sources))
            {
                throw new TranslationException($"error at no real place of the sources ({diagnostic.Span.FilePath}({diagnostic.Span.Line},{diagnostic.Span.Column})): {diagnostic}");
            }
        }
    }

    /// <summary>Throws unless the translation emitted scripts without errors (for input that is valid by the documentation).</summary>
    public static void AssertAccepted(Translation translation)
    {
        AssertNoCrashAndPlacedDiagnostics(translation);
        var errors = translation.Output!.Diagnostics.Where(d => d.Severity == StapSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new TranslationException("rejected:\n" + string.Join("\n", errors));
        }
    }

    /// <summary>A printed diagnostic is one line of text: no line break, control character (a tab aside), or character that reorders what a terminal shows.</summary>
    public static void AssertPrintable(StapDiagnostic diagnostic)
    {
        var printed = diagnostic.ToString();
        var bad = printed.FirstOrDefault(c => (char.IsControl(c) && c != '\t') || c is '\u2028' or '\u2029' || c is >= '\u202a' and <= '\u202e' || c is >= '\u2066' and <= '\u2069' || char.IsSurrogate(c) && !IsPaired(printed, c));
        if (bad != default)
        {
            throw new TranslationException($"diagnostic text holds U+{(int)bad:X4}, which a terminal does not show as text: {Visible(printed)}");
        }
    }

    /// <summary>
    /// An emitted script must not give its own meaning to a name stap's library already has: a function
    /// named like a tapset function replaces it for every caller, a variable named like a tapset global is
    /// that global, and stap's parser reads print, sprintf, ... only as its built-in calls.
    /// </summary>
    public static void AssertNoLibraryNames(string script)
    {
        foreach (Match declaration in FunctionDeclaration().Matches(script))
        {
            var name = declaration.Groups["name"].Value;
            if (TapsetNames.Functions.Contains(name) || TapsetNames.PrintBuiltins.Contains(name))
            {
                throw new TranslationException($"the script declares function {name}, which stap's library already has: calls of it now run the script's");
            }
        }

        foreach (Match head in MacroHead().Matches(script))
        {
            var name = head.Groups["name"].Value;
            if (TapsetNames.Macros.Contains(name))
            {
                throw new TranslationException($"the script defines the macro @{name}, which stap's library already has: uses of it now paste the script's");
            }
        }

        foreach (var piece in StapScriptText.Split(script).Where(p => p.Kind == StapTextKind.Code))
        {
            // A macro's name and parameters are stap's macro namespace (read as @name), not variables.
            foreach (Match variable in VariableUse().Matches(MacroHead().Replace(piece.Text, string.Empty)))
            {
                var name = variable.Groups["name"].Value;
                if (TapsetNames.Globals.Contains(name))
                {
                    throw new TranslationException($"the script uses the name {name}, which is a global of stap's library: stap binds it to that global");
                }

                if (TapsetNames.PrintBuiltins.Contains(name))
                {
                    throw new TranslationException($"the script uses {name} as a variable, which stap's parser reads as its built-in {name}(...)");
                }
            }
        }
    }

    /// <summary>stap's printf family takes at most 32 values (translate.cxx rejects more at pass 3: "too many arguments to print").</summary>
    public const int StapMaxPrintValues = 32;

    /// <summary>Throws when a print-family call of the script has more values than stap builds.</summary>
    public static void AssertWithinStapLimits(string script)
    {
        foreach (Match call in PrintCall().Matches(script))
        {
            if (!IsCode(script, call.Index))
            {
                continue;
            }

            var arguments = ArgumentCount(script, call.Index + call.Length);
            var values = call.Groups["name"].Value.Contains('f', StringComparison.Ordinal) ? arguments - 1 : arguments;
            if (values > StapMaxPrintValues)
            {
                throw new TranslationException($"{call.Groups["name"].Value} with {values} values: stap builds at most {StapMaxPrintValues}");
            }
        }
    }

    /// <summary>
    /// Statements stap read but the translator did not write: stap has no statement separator, so a line
    /// can join the one before (<c>x = y</c> then <c>++z</c> reads as <c>x = y++</c> then <c>z</c>). C# has no
    /// statement that is a bare name, so one in stap's dump is the rest of a joined line.
    /// </summary>
    public static void AssertStatementsKeptApart(string dump)
    {
        var joined = dump.Split('\n').FirstOrDefault(line => BareNameStatement().IsMatch(line));
        if (joined is not null)
        {
            throw new TranslationException($"stap read the statement '{joined}', which the translator never writes: two statements joined");
        }
    }

    private static bool IsCode(string script, int index)
    {
        var position = 0;
        foreach (var piece in StapScriptText.Split(script))
        {
            if (index < position + piece.Text.Length)
            {
                return piece.Kind == StapTextKind.Code;
            }

            position += piece.Text.Length;
        }

        return false;
    }

    /// <summary>The number of top-level arguments of a call whose '(' ends just before <paramref name="start"/>.</summary>
    private static int ArgumentCount(string script, int start)
    {
        var depth = 0;
        var commas = 0;
        var empty = true;
        for (var i = start; i < script.Length; i++)
        {
            switch (script[i])
            {
                case '"':
                    for (i++; i < script.Length && script[i] != '"'; i++)
                    {
                        if (script[i] == '\\')
                        {
                            i++;
                        }
                    }

                    break;
                case '(' or '[':
                    depth++;
                    break;
                case ')' or ']' when depth > 0:
                    depth--;
                    break;
                case ')':
                    return empty ? 0 : commas + 1;
                case ',' when depth == 0:
                    commas++;
                    break;
            }

            if (!char.IsWhiteSpace(script[i]))
            {
                empty = false;
            }
        }

        return commas + 1;
    }

    private static bool IsRealPlace(SourceSpan span, IReadOnlyList<(string Path, string Text)> sources)
    {
        var source = sources.FirstOrDefault(s => s.Path == span.FilePath);
        if (span.IsNone || source.Path is null)
        {
            return false;
        }

        var lines = SourceText.From(source.Text).Lines;
        return span.Line <= lines.Count && span.Column >= 1 && span.Column <= lines[span.Line - 1].Span.Length + 1;
    }

    private static bool IsPaired(string text, char surrogate)
    {
        var i = text.IndexOf(surrogate);
        return char.IsHighSurrogate(surrogate) ? i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) : i > 0 && char.IsHighSurrogate(text[i - 1]);
    }

    /// <summary>The text with control and invisible characters as \uXXXX, for a readable failure message.</summary>
    public static string Visible(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or >= '\u202a' and <= '\u202e' or >= '\u2066' and <= '\u2069'
            ? $"\\u{(int)c:X4}"
            : c.ToString()));

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<name>s?print(f|d|dln|ln)?)\(")]
    private static partial Regex PrintCall();

    /// <summary>A statement that is a name alone (stap's dump ends each statement with ';'), not a keyword statement.</summary>
    [GeneratedRegex(@"^(?!(next|break|continue|return);$)\(?[A-Za-z_][A-Za-z0-9_]*\)?;$")]
    private static partial Regex BareNameStatement();

    [GeneratedRegex("^(STAP|CS)[0-9]{4}$")]
    private static partial Regex DiagnosticId();

    [GeneratedRegex(@"^function\s+(?<name>[A-Za-z_][A-Za-z0-9_]*)", RegexOptions.Multiline)]
    private static partial Regex FunctionDeclaration();

    /// <summary>A name that is not called or declared as a function, not a member (<c>-&gt;x</c>), not a target variable or @-operator, not a number.</summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9_$@]|->|\bfunction\s+)(?<name>[A-Za-z_][A-Za-z0-9_]*)(?![A-Za-z0-9_]|\s*\()")]
    private static partial Regex VariableUse();

    [GeneratedRegex(@"@define\s+(?<name>[A-Za-z_][A-Za-z0-9_]*)(\s*\([^)]*\))?")]
    private static partial Regex MacroHead();
}

/// <summary>A translation without the property a test asked for.</summary>
internal sealed class TranslationException(string message) : Exception(message);
