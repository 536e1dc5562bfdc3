using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace StapSharp.Generators.CodeFixes;

/// <summary>Adding statements to a method, whether it has a block or an expression body.</summary>
internal static class MethodBodies
{
    public static MethodDeclarationSyntax WithStatements(MethodDeclarationSyntax method, IEnumerable<StatementSyntax> first, IEnumerable<StatementSyntax> last)
    {
        var body = method.Body ?? AsBlock(method);
        var statements = body.Statements.InsertRange(0, first.Select(Formatted)).AddRange(last.Select(Formatted));
        return method
            .WithExpressionBody(null)
            .WithSemicolonToken(default)
            .WithBody(body.WithStatements(statements))
            .WithAdditionalAnnotations(Formatter.Annotation);
    }

    /// <summary>A statement parsed from <paramref name="text"/>, ending in the document's line break, to be formatted and simplified.</summary>
    public static StatementSyntax Statement(string text, SyntaxTrivia lineBreak) =>
        SyntaxFactory.ParseStatement(text)
            .WithTrailingTrivia(lineBreak)
            .WithAdditionalAnnotations(Formatter.Annotation, Simplifier.Annotation);

    /// <summary>The line break <paramref name="node"/> already uses (CRLF or LF), so inserted code matches it.</summary>
    public static SyntaxTrivia LineBreakOf(SyntaxNode node) =>
        node.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)) is { RawKind: not 0 } lineBreak
            ? SyntaxFactory.ElasticEndOfLine(lineBreak.ToString())
            : SyntaxFactory.ElasticCarriageReturnLineFeed;

    private static BlockSyntax AsBlock(MethodDeclarationSyntax method) =>
        method.ExpressionBody is { } arrow
            ? SyntaxFactory.Block(SyntaxFactory.ExpressionStatement(arrow.Expression.WithoutTrivia()))
            : SyntaxFactory.Block();

    private static StatementSyntax Formatted(StatementSyntax statement) => statement.WithAdditionalAnnotations(Formatter.Annotation);
}
