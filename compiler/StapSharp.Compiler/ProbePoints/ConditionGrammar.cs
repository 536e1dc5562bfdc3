using Pidgin;
using StapSharp.Compiler.IR;
using static Pidgin.Parser<char>;
using static Pidgin.Parser;
using static StapSharp.Compiler.ProbePoints.TokenParsers;

namespace StapSharp.Compiler.ProbePoints;

/// <summary>
/// The safe expression subset allowed in <c>if (…)</c>: names, literals, <c>! - ~</c> and the
/// arithmetic, bitwise, comparison and logical binary operators, with stap's precedence.
/// </summary>
internal static class ConditionGrammar
{
    private const string OperandExpected = "an operand: a global name, a number, a string or '('";

    /// <summary>An expression followed by any whitespace.</summary>
    public static readonly Parser<char, ConditionExpr> Expression = Rec(() => BinaryLevel(0));

    private static readonly Parser<char, ConditionExpr> Identifier =
        Lookahead(Token(StapLexicon.IsIdentifierStart).Then(Token(StapLexicon.IsIdentifierChar).ManyString(), (first, rest) => first + rest))
            .Bind(name => StapLexicon.Keywords.Contains(name)
                ? Reject<string>($"'{name}' is a SystemTap keyword, not a global name")
                : String(name))
            .Tok()
            .Before(PeekTwo.Bind(peek => peek.Current switch
            {
                '(' => Reject<Unit>("function calls are not allowed in a probe condition; it may only use globals, literals and operators"),
                '[' => Reject<Unit>("array elements are not allowed in a probe condition; use a scalar global"),
                _ => Return(Unit.Value),
            }))
            .Select(name => (ConditionExpr)new IdentifierExpr(name));

    private static readonly Parser<char, ConditionExpr> Primary = OneOf(
        Identifier,
        LiteralGrammar.UnsignedInteger.Tok().Select(literal => (ConditionExpr)new LiteralExpr(literal)),
        LiteralGrammar.QuotedString.Tok().Select(literal => (ConditionExpr)new LiteralExpr(literal)),
        Char('(').Tok().Then(Rec(() => Expression)).Before(Char(')').OrUnexpected("an operator or ')'")).Tok(),
        Unexpected<ConditionExpr>(OperandExpected));

    private static readonly Parser<char, UnaryOperator> UnaryOperatorToken = OneOf(
        ConditionOperators.Unary.Select(op => OperatorToken(op.Spelling(), ConditionOperators.ForbiddenAfter(op), op)));

    private static readonly Parser<char, ConditionExpr> Unary = Rec<char, ConditionExpr>(unary => OneOf(
        UnaryOperatorToken.Then(unary, (op, operand) => (ConditionExpr)new UnaryExpr(op, operand)),
        Primary));

    /// <summary>Level <paramref name="index"/> of the binary operators (0 is the loosest), left-associative.</summary>
    private static Parser<char, ConditionExpr> BinaryLevel(int index)
    {
        if (index == ConditionOperators.Levels.Count)
        {
            return Unary;
        }

        var operand = BinaryLevel(index + 1);
        var operators = OneOf(ConditionOperators.Levels[index]
            .OrderByDescending(op => op.Spelling().Length)
            .Select(op => OperatorToken(op.Spelling(), ConditionOperators.ForbiddenAfter(op), op)));
        return operand.Then(
            operators.Then(operand, (op, right) => (op, right)).Many(),
            (first, rest) => rest.Aggregate(first, (left, next) => new BinaryExpr(next.op, left, next.right)));
    }

    /// <summary>
    /// The operator, unless the character after it would make stap read a longer token.
    /// Decided by peeking, so that a refusal reports the operator's own offset.
    /// </summary>
    private static Parser<char, T> OperatorToken<T>(string spelling, string forbiddenAfter, T result) =>
        PeekString(spelling.Length + 1).Bind(ahead =>
            ahead.StartsWith(spelling, StringComparison.Ordinal)
            && (ahead.Length == spelling.Length || !forbiddenAfter.Contains(ahead[spelling.Length]))
                ? String(spelling).WithResult(result)
                : Fail<T>($"expected '{spelling}'"))
            .Tok();
}
