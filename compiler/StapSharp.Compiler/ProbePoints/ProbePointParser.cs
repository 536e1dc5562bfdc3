using Pidgin;

namespace StapSharp.Compiler.ProbePoints;

/// <summary>The outcome of parsing a probe point string: exactly one of the two is set.</summary>
public sealed record ProbePointParseResult(ProbePointList? Points, ProbePointError? Error)
{
    /// <summary>True when the text parsed.</summary>
    public bool Success => Points is not null;
}

/// <summary>Why a probe point string was rejected.</summary>
/// <param name="Offset">0-based index into the parsed text of the character where parsing stopped (the text length if it stopped at the end).</param>
/// <param name="Message">What was expected there, and where possible what to write instead.</param>
public sealed record ProbePointError(int Offset, string Message);

/// <summary>
/// Parses the argument of a <c>[Probe]</c> attribute into a <see cref="ProbePointList"/>.
/// Only probe point syntax is accepted, so the canonical text printed from the result can never
/// carry statements, handler bodies, embedded C or preprocessor directives into the script.
/// </summary>
public static class ProbePointParser
{
    /// <summary>Deeper nesting of parentheses and braces than any real probe point uses; bounds recursion.</summary>
    public const int MaxNestingDepth = 64;

    /// <summary>
    /// More operator characters than any real condition uses. Each prefix operator is a level of the
    /// grammar's recursion and each binary one a level of the condition's tree, so this bounds both.
    /// </summary>
    public const int MaxOperators = 128;

    /// <summary>Parses one attribute argument, which may itself be a comma-separated list of probe points.</summary>
    public static ProbePointParseResult Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (NestingGuard.FindExcessiveNesting(text, MaxNestingDepth) is { } tooDeep)
        {
            return Failure(tooDeep, $"parentheses and braces are nested more than {MaxNestingDepth} deep");
        }

        if (NestingGuard.FindExcessiveOperators(text, MaxOperators) is { } tooMany)
        {
            return Failure(tooMany, $"more than {MaxOperators} operators: a probe condition compares a few globals; compute a longer one into a global in a probe of its own and test that");
        }

        var result = ProbePointGrammar.Root.Parse(text);
        if (result.Success)
        {
            return new ProbePointParseResult(result.Value, null);
        }

        var error = result.Error!;
        var offset = Math.Clamp(error.ErrorOffset, 0, text.Length);
        return Failure(offset, TokenParsers.DiagnosticOf(error) ?? ProbePointDiagnostics.Unexpected(CharAt(text, offset), CharAt(text, offset + 1), "a probe point"));
    }

    private static ProbePointParseResult Failure(int offset, string message) =>
        new(null, new ProbePointError(offset, message));

    private static char? CharAt(string text, int index) => index < text.Length ? text[index] : null;
}

/// <summary>Finds runaway nesting, and runaway operator chains, before the recursive grammar sees them.</summary>
internal static class NestingGuard
{
    private const string OperatorCharacters = "!~-+*/%<>=&|^";

    /// <returns>The offset of the first opening bracket beyond <paramref name="maxDepth"/>, or null.</returns>
    public static int? FindExcessiveNesting(string text, int maxDepth)
    {
        var depth = 0;
        foreach (var (i, c) in OutsideStrings(text))
        {
            switch (c)
            {
                case '(' or '{':
                    if (++depth > maxDepth)
                    {
                        return i;
                    }

                    break;
                case ')' or '}':
                    depth = Math.Max(0, depth - 1);
                    break;
            }
        }
        return null;
    }

    /// <returns>The offset of the first operator character beyond <paramref name="maxOperators"/>, or null.</returns>
    public static int? FindExcessiveOperators(string text, int maxOperators)
    {
        var count = 0;
        foreach (var (i, c) in OutsideStrings(text))
        {
            if (OperatorCharacters.Contains(c) && ++count > maxOperators)
            {
                return i;
            }
        }
        return null;
    }

    /// <summary>The characters outside string literals, with their offsets.</summary>
    private static IEnumerable<(int Offset, char Character)> OutsideStrings(string text)
    {
        var inString = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c is '"' or '\n')
                {
                    inString = false;
                }

                continue;
            }
            if (c == '"')
            {
                inString = true;
            }
            else
            {
                yield return (i, c);
            }
        }
    }
}
