using Pidgin;
using static Pidgin.Parser;
using static Pidgin.Parser<char>;

namespace StapSharp.Compiler.ProbePoints;

/// <summary>Building blocks shared by the probe point, literal and condition grammars.</summary>
internal static class TokenParsers
{
    /// <summary>Whitespace between tokens, as the stap lexer skips it.</summary>
    public static readonly Parser<char, Unit> Spaces = Token(StapLexicon.IsWhitespace).SkipMany();

    /// <summary>The next two characters, without consuming them (null past the end).</summary>
    public static readonly Parser<char, (char? Current, char? Next)> PeekTwo =
        Lookahead(Any.Optional().Then(Any.Optional(), (current, next) => (AsNullable(current), AsNullable(next))));

    /// <summary>Up to <paramref name="length"/> next characters (fewer at the end), without consuming them.</summary>
    public static Parser<char, string> PeekString(int length) =>
        Lookahead(Enumerable.Range(0, length).Aggregate(
            Return(""),
            (text, _) => text.Then(Any.Optional(), (soFar, next) => next.HasValue ? soFar + next.Value : soFar)));

    /// <summary>A token followed by any whitespace.</summary>
    public static Parser<char, T> Tok<T>(this Parser<char, T> parser) => parser.Before(Spaces);

    /// <summary>Fails at the current character with a message that says what was expected there.</summary>
    public static Parser<char, T> Unexpected<T>(string expected) =>
        PeekTwo.Bind(peek => Reject<T>(ProbePointDiagnostics.Unexpected(peek.Current, peek.Next, expected)));

    /// <summary>Prefix that marks an expectation label as one of our diagnostics.</summary>
    public const string DiagnosticMarker = "\u0001";

    /// <summary>
    /// Fails without consuming input, with a message for the user. Pidgin drops the message of a
    /// failure when it merges the alternatives of an <c>Or</c>, but keeps expectation labels, so the
    /// message also travels as a marked label; <see cref="DiagnosticOf"/> reads it back.
    /// </summary>
    public static Parser<char, T> Reject<T>(string message) =>
        Fail<T>(message).Labelled(DiagnosticMarker + message);

    /// <summary>The first diagnostic recorded by <see cref="Reject{T}"/> in a parse error, if any.</summary>
    public static string? DiagnosticOf(ParseError<char> error) =>
        error.Expected
            .Select(expected => expected.Label)
            .FirstOrDefault(label => label is not null && label.StartsWith(DiagnosticMarker, StringComparison.Ordinal))
            ?[DiagnosticMarker.Length..];

    /// <summary>
    /// Runs <paramref name="parser"/>; if it fails without consuming input, reports what was expected
    /// at that character instead of Pidgin's generic message.
    /// </summary>
    public static Parser<char, T> OrUnexpected<T>(this Parser<char, T> parser, string expected) =>
        parser.Or(Unexpected<T>(expected));

    private static char? AsNullable(Maybe<char> maybe) => maybe.HasValue ? maybe.Value : null;
}
