using Pidgin;
using static Pidgin.Parser<char>;
using static Pidgin.Parser;
using static StapSharp.Compiler.ProbePoints.TokenParsers;

namespace StapSharp.Compiler.ProbePoints;

/// <summary>
/// The probe point grammar (LANGUAGE.md §12.1):
/// <code>
/// pp_list   := pp {',' pp}
/// pp        := component {'.' component} ['?' | '!'] ['if' '(' EXPR ')']
/// component := NAME ['(' argument ')'] | '{' pp {',' pp} '}' | '{' IDENT '}'
/// argument  := literal | '{' IDENT '}'
/// </code>
/// <c>{IDENT}</c>, one identifier alone in braces, names a <c>[ScriptArgument]</c> field (a group of one
/// alternative means the same as the alternative without braces, so stap's form loses nothing).
/// Every token may be followed by whitespace; nothing else is skipped.
/// </summary>
internal static class ProbePointGrammar
{
    private const string ComponentExpected = "a probe point component: a name such as 'kernel' or 'sys_*', or a '{…}' group";

    private static readonly Parser<char, string> ComponentName =
        Token(StapLexicon.IsComponentNameStart).Then(Token(StapLexicon.IsComponentNameChar).ManyString(), (first, rest) => first + rest).Tok();

    private static readonly Parser<char, string> Identifier =
        Token(StapLexicon.IsIdentifierStart).Then(Token(StapLexicon.IsIdentifierChar).ManyString(), (first, rest) => first + rest);

    private const string FieldNameExpected = "the name of a [ScriptArgument] field between the braces, e.g. timer.s({Interval})";

    /// <summary><c>{Name}</c> as a component's argument: once '{' is read, nothing else may follow.</summary>
    private static readonly Parser<char, ProbeLiteral> ArgumentReferenceLiteral =
        CurrentOffset.Before(Char('{').Tok()).Bind(offset =>
            Identifier.Tok().OrUnexpected(FieldNameExpected)
                .Before(Char('}').Tok().OrUnexpected("'}' after the field's name"))
                .Select(name => (ProbeLiteral)new ArgumentLiteral(name, offset)));

    /// <summary><c>{Name}</c> as a component; backtracks, so that <c>{a,b}</c> and <c>{sys_*}</c> stay brace groups.</summary>
    private static readonly Parser<char, PointComponent> ArgumentReferenceComponent =
        Try(CurrentOffset.Before(Char('{').Tok()).Then(Identifier.Tok().Before(Char('}')), (offset, name) => (PointComponent)new ArgumentComponent(name, offset))).Tok();

    private static readonly Parser<char, ProbeLiteral> Literal = OneOf(
        LiteralGrammar.QuotedString.Select(literal => (ProbeLiteral)literal),
        LiteralGrammar.SignedInteger.Select(literal => (ProbeLiteral)literal)).Tok();

    /// <summary>A bare word where a literal belongs, captured only to suggest the quoted form.</summary>
    private static readonly Parser<char, string> UnquotedWord =
        Token(c => StapLexicon.IsComponentNameStart(c) || c is '/' or '.')
            .Then(Token(c => !StapLexicon.IsWhitespace(c) && !char.IsControl(c) && !"()\",;{}".Contains(c)).ManyString(), (first, rest) => first + rest);

    private static readonly Parser<char, Optionality> OptionalityMarker = OneOf(
        Char('?').WithResult(Optionality.Optional),
        Char('!').WithResult(Optionality.Sufficient)).Tok();

    private static readonly Parser<char, ConditionExpr> Condition =
        Lookahead(Token(StapLexicon.IsComponentNameChar).AtLeastOnceString())
            .Bind(word => word == "if" ? String(word) : Fail<string>("expected 'if'"))
            .Tok()
            .Then(Char('(').Tok().OrUnexpected("'(' after 'if'"))
            .Then(ConditionGrammar.Expression)
            .Before(Char(')').OrUnexpected("an operator or ')' to close the 'if' condition"))
            .Tok();

    private static Parser<char, IEnumerable<ProbePoint>> PointList(bool insideBraces) =>
        Point(insideBraces).SeparatedAtLeastOnce(Char(',').Tok());

    private static Parser<char, ProbePoint> Point(bool insideBraces) =>
        from components in Components
        from optionality in OptionalityMarker.Optional()
        from condition in Condition.Optional()
        from end in PointEnd(insideBraces, optionality.HasValue, condition.HasValue)
        select new ProbePoint(
            components,
            optionality.HasValue ? optionality.Value : Optionality.None,
            condition.HasValue ? condition.Value : null);

    private static readonly Parser<char, PointComponent> NamedComponent =
        ComponentName.Bind(name => Argument(name).Optional().Select(argument =>
            (PointComponent)new NamedComponent(name, argument.HasValue ? argument.Value : null)));

    private static readonly Parser<char, PointComponent> BraceGroup =
        CurrentOffset.Before(Char('{').Tok()).Bind(openedAt =>
            Rec(() => PointList(insideBraces: true))
                .Before(Char('}').Tok().OrUnexpected($"'}}' to close the '{{' at offset {openedAt}"))
                .Select(alternatives => (PointComponent)new BraceGroupComponent(alternatives.ToArray())));

    private static readonly Parser<char, PointComponent> Component = OneOf(
        ArgumentReferenceComponent,
        BraceGroup,
        NamedComponent,
        Unexpected<PointComponent>(ComponentExpected));

    private static readonly Parser<char, IReadOnlyList<PointComponent>> Components =
        Component.Then(
            Char('.').Tok().Then(Component).Many(),
            (first, rest) => (IReadOnlyList<PointComponent>)[first, .. rest]);

    private static Parser<char, ProbeLiteral> Argument(string componentName) =>
        Char('(').Tok()
            .Then(ArgumentLiteral(componentName))
            .Before(Char(')').Tok().OrUnexpected($"')' to close the argument of '{componentName}'"));

    private static Parser<char, ProbeLiteral> ArgumentLiteral(string componentName) => OneOf(
        Literal,
        ArgumentReferenceLiteral,
        Lookahead(UnquotedWord).Bind(word => Reject<ProbeLiteral>(
            $"the argument of '{componentName}' must be a quoted string or an integer; write {componentName}(\"{Shorten(word)}\")")),
        PeekTwo.Bind(peek => Reject<ProbeLiteral>(peek.Current == ')'
            ? $"'{componentName}()' has an empty argument; write a quoted string or an integer, e.g. {componentName}(\"name\") or {componentName}(5), or leave out the parentheses"
            : ProbePointDiagnostics.Unexpected(peek.Current, peek.Next, $"a quoted string or an integer as the argument of '{componentName}'"))));

    /// <summary>Checks that the point really ends here, naming what could still have followed.</summary>
    private static Parser<char, Unit> PointEnd(bool insideBraces, bool hasOptionality, bool hasCondition)
    {
        var terminator = insideBraces
            ? OneOf(Char(','), Char('}')).IgnoreResult()
            : OneOf(Char(',').IgnoreResult(), End);
        var closing = insideBraces ? "'}'" : "the end of the probe point";
        var followers = (hasOptionality, hasCondition) switch
        {
            (_, true) => $"',' or {closing}",
            (true, false) => $"'if (…)', ',' or {closing}",
            _ => $"'.', '?', '!', 'if (…)', ',' or {closing}",
        };
        return Lookahead(terminator).OrUnexpected(followers);
    }

    // Declared last: static fields initialise in textual order and this one uses all the others.
    /// <summary>A whole attribute argument: one or more comma-separated probe points and nothing after them.</summary>
    public static readonly Parser<char, ProbePointList> Root =
        Spaces.Then(PointList(insideBraces: false)).Before(End)
            .Select(points => new ProbePointList(points.ToArray()));

    private static string Shorten(string word) => word.Length <= 40 ? word : word[..40] + "…";
}
