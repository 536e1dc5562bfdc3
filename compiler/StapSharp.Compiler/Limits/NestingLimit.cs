using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StapSharp.Compiler.Diagnostics;

namespace StapSharp.Compiler.Limits;

/// <summary>
/// How deep C# may nest before anything recursive sees it. Roslyn's binder, the translator's binder
/// and printer, and stap's parser all recurse once per level, so a probe script nested deeper than
/// <see cref="MaxDepth"/> is reported here, by a walk with an explicit stack, before it is bound.
/// Each statement inside a statement and each expression inside an expression is one level; the
/// braces of a body belong to their statement, and an else-if continues its chain on the same level.
/// stap nests an else-if chain one branch inside the other, so a chain has a length limit of its own.
/// The limits and their measurements are in the diagnostics catalogue (Diagnostics/README.md).
/// </summary>
internal static class NestingLimit
{
    /// <summary>Levels of statements and expressions in one member.</summary>
    public const int MaxDepth = 256;

    /// <summary>Branches of one if / else-if chain.</summary>
    public const int MaxElseIfChain = 2000;

    /// <summary>The places past the limits under <paramref name="root"/>: the first one in each member, in source order.</summary>
    public static IReadOnlyList<StapDiagnostic> Check(SyntaxNode root)
    {
        var found = new List<StapDiagnostic>();
        var reportedMembers = new HashSet<SyntaxNode>();
        var pending = new Stack<Visit>();
        pending.Push(new Visit(root, Statements: 0, Expressions: 0, Chain: 0, Member: null));
        while (pending.Count > 0)
        {
            var (node, statements, expressions, chain, member) = pending.Pop();
            if (member is not null && reportedMembers.Contains(member))
            {
                continue;
            }

            if (node is MemberDeclarationSyntax and not (BaseTypeDeclarationSyntax or BaseNamespaceDeclarationSyntax))
            {
                member = node;
            }

            statements += node is StatementSyntax ? Weight(node) : 0;
            expressions += node is ExpressionSyntax ? 1 : 0;
            chain = node switch
            {
                IfStatementSyntax { Parent: ElseClauseSyntax } => chain + 1,
                IfStatementSyntax => 1,
                _ => chain,
            };
            if (Report(node, statements, expressions, chain) is { } diagnostic)
            {
                found.Add(diagnostic);
                if (member is not null)
                {
                    reportedMembers.Add(member);
                }

                continue;
            }

            // Children in reverse, so they are taken off the stack in source order.
            var children = node.ChildNodes().ToList();
            for (var i = children.Count - 1; i >= 0; i--)
            {
                // Only the else clause carries the chain on; a nested if starts a chain of its own.
                var childChain = node is IfStatementSyntax && children[i] is not ElseClauseSyntax ? 0 : chain;
                pending.Push(new Visit(children[i], statements, expressions, childChain, member));
            }
        }

        return found;
    }

    /// <summary>How many levels a statement adds: none for the braces of a body, or for an else-if.</summary>
    private static int Weight(SyntaxNode node) => node switch
    {
        IfStatementSyntax { Parent: ElseClauseSyntax } => 0,
        BlockSyntax { Parent: not BlockSyntax } => 0,
        _ => 1,
    };

    private static StapDiagnostic? Report(SyntaxNode node, int statements, int expressions, int chain)
    {
        var span = SourceSpan.From(node.GetLocation());
        if (statements + expressions > MaxDepth)
        {
            var advice = statements >= expressions
                ? "move the inner statements into a method of their own and call it"
                : "compute part of the expression into a local first (a long a + b + ... chain: x = a + b; x += c; ...), or move it into a method";
            return DiagnosticCatalog.NestedTooDeeply.At(span, MaxDepth, statements, expressions, advice);
        }

        return chain > MaxElseIfChain ? DiagnosticCatalog.ElseIfChainTooLong.At(span, MaxElseIfChain) : null;
    }

    private readonly record struct Visit(SyntaxNode Node, int Statements, int Expressions, int Chain, SyntaxNode? Member);
}
