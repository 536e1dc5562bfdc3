using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Generators.Analysis;

namespace StapSharp.Generators.CodeFixes;

/// <summary>STAP0403 → adds <c>map.Remove(Tid());</c> as the last statement of the matching return probe.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveOnReturnCodeFix)), Shared]
public sealed class RemoveOnReturnCodeFix() : NodeCodeFix<ElementAccessExpressionSyntax>(DiagnosticCatalog.PerThreadEntryNeverRemoved, batchFixAll: true)
{
    private protected override Task<Fix?> FixAsync(Document document, SyntaxNode root, ElementAccessExpressionSyntax access, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (!diagnostic.Properties.TryGetValue(PerThreadMapAnalyzer.ReturnProbeProperty, out var returnProbeName) ||
            access is not { ArgumentList.Arguments: [var key] } ||
            access.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } script ||
            script.Members.OfType<MethodDeclarationSyntax>().FirstOrDefault(m => m.Identifier.Text == returnProbeName) is not { } returnProbe)
        {
            return Task.FromResult<Fix?>(null);
        }

        // map.Remove(key): the map and key exactly as the entry probe spells them.
        var remove = SyntaxFactory.ExpressionStatement(SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, access.Expression.WithoutTrivia(), SyntaxFactory.IdentifierName("Remove")),
            SyntaxFactory.ArgumentList([SyntaxFactory.Argument(key.Expression.WithoutTrivia())])));
        return Task.FromResult<Fix?>(Fix.Replacing($"Remove '{access.Expression}[{key.Expression}]' in '{returnProbeName}'", document, root, returnProbe,
            () => MethodBodies.WithStatements(returnProbe, [], [remove]),
            equivalenceKeySuffix: access.Expression.ToString()));
    }
}
