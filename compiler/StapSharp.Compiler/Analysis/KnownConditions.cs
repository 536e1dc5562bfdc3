using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace StapSharp.Compiler.Analysis;

/// <summary>A condition whose value is known where an expression runs: <see cref="HoldsTrue"/> says which value.</summary>
internal readonly record struct KnownCondition(ExpressionSyntax Condition, bool HoldsTrue);

/// <summary>
/// The conditions known at a place in a method, found by walking out from it: the branch of an if, an else or a
/// <c>?:</c>, the body of a <c>while</c> or <c>for</c> (its condition held when the body began), the right side of <c>&amp;&amp;</c> and <c>||</c>, and an earlier <c>if (...) return;</c> (or continue,
/// break) in an enclosing block. The walk stops at the enclosing member, lambda or local function. The guards against
/// an empty statistic and against a zero divisor both read these.
/// </summary>
internal static class KnownConditions
{
    public static IEnumerable<KnownCondition> At(SyntaxNode use)
    {
        for (SyntaxNode node = use; node.Parent is { } parent; node = parent)
        {
            switch (parent)
            {
                case IfStatementSyntax @if when node == @if.Statement:
                    yield return new KnownCondition(@if.Condition, true);
                    break;
                case ElseClauseSyntax { Parent: IfStatementSyntax @if }:
                    yield return new KnownCondition(@if.Condition, false);
                    break;
                case WhileStatementSyntax loop when node == loop.Statement:
                    yield return new KnownCondition(loop.Condition, true);
                    break;
                case ForStatementSyntax { Condition: { } condition } loop when node == loop.Statement:
                    yield return new KnownCondition(condition, true);
                    break;
                case ConditionalExpressionSyntax c when node == c.WhenTrue:
                    yield return new KnownCondition(c.Condition, true);
                    break;
                case ConditionalExpressionSyntax c when node == c.WhenFalse:
                    yield return new KnownCondition(c.Condition, false);
                    break;
                case BinaryExpressionSyntax b when b.IsKind(SyntaxKind.LogicalAndExpression) && node == b.Right:
                    yield return new KnownCondition(b.Left, true);
                    break;
                case BinaryExpressionSyntax b when b.IsKind(SyntaxKind.LogicalOrExpression) && node == b.Right:
                    yield return new KnownCondition(b.Left, false);
                    break;
                case BlockSyntax block when node is StatementSyntax statement:
                    foreach (var exit in EarlyExitsBefore(block, statement))
                    {
                        yield return new KnownCondition(exit, false);
                    }

                    break;
            }

            if (parent is MemberDeclarationSyntax or LambdaExpressionSyntax or LocalFunctionStatementSyntax)
            {
                yield break;
            }
        }
    }

    /// <summary>True when <paramref name="use"/> runs inside the block of a try statement of its own method.</summary>
    public static bool InTryBlock(SyntaxNode use)
    {
        for (SyntaxNode node = use; node.Parent is { } parent; node = parent)
        {
            if (parent is TryStatementSyntax @try && node == @try.Block)
            {
                return true;
            }

            if (parent is MemberDeclarationSyntax or LambdaExpressionSyntax or LocalFunctionStatementSyntax)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>The conditions of <c>if (c) return;</c> (or continue/break) among the statements before this one: each is false here.</summary>
    private static IEnumerable<ExpressionSyntax> EarlyExitsBefore(BlockSyntax block, StatementSyntax statement) =>
        block.Statements.TakeWhile(s => s != statement)
            .OfType<IfStatementSyntax>()
            .Where(@if => @if.Else is null && Exits(@if.Statement))
            .Select(@if => @if.Condition);

    private static bool Exits(StatementSyntax statement) => statement switch
    {
        ReturnStatementSyntax or ContinueStatementSyntax or BreakStatementSyntax => true,
        BlockSyntax block => block.Statements.LastOrDefault() is { } last && Exits(last),
        _ => false,
    };
}
