using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Generators.Analysis;

namespace StapSharp.Generators.CodeFixes;

/// <summary>STAP0403 → adds <c>map.Remove(Tid());</c> as the last statement of the matching return probe.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveOnReturnCodeFix)), Shared]
public sealed class RemoveOnReturnCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [DiagnosticCatalog.PerThreadEntryNeverRemoved.Id];

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(PerThreadMapAnalyzer.ReturnProbeProperty, out var returnProbeName) ||
                root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)?.FirstAncestorOrSelf<ElementAccessExpressionSyntax>() is not
                { ArgumentList.Arguments: [var key] } access ||
                access.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } script ||
                script.Members.OfType<MethodDeclarationSyntax>().FirstOrDefault(m => m.Identifier.Text == returnProbeName) is not { } returnProbe)
            {
                continue;
            }

            // map.Remove(key): the map and key exactly as the entry probe spells them.
            var remove = SyntaxFactory.ExpressionStatement(SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, access.Expression.WithoutTrivia(), SyntaxFactory.IdentifierName("Remove")),
                SyntaxFactory.ArgumentList([SyntaxFactory.Argument(key.Expression.WithoutTrivia())])));
            context.RegisterCodeFix(
                CodeAction.Create($"Remove '{access.Expression}[{key.Expression}]' in '{returnProbeName}'",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(returnProbe, MethodBodies.WithStatements(returnProbe, [], [remove])))),
                    equivalenceKey: nameof(RemoveOnReturnCodeFix) + access.Expression),
                diagnostic);
        }
    }
}
