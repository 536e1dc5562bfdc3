using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

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

    private static BlockSyntax AsBlock(MethodDeclarationSyntax method) =>
        method.ExpressionBody is { } arrow
            ? SyntaxFactory.Block(SyntaxFactory.ExpressionStatement(arrow.Expression.WithoutTrivia()))
            : SyntaxFactory.Block();

    private static StatementSyntax Formatted(StatementSyntax statement) => statement.WithAdditionalAnnotations(Formatter.Annotation);
}
