using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Generators.Analysis;

namespace StapSharp.Generators.CodeFixes;

/// <summary>STAP0401 → replaces <c>kernel.function("sys_NAME")</c> with <c>syscall.NAME</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SyscallProbePointCodeFix)), Shared]
public sealed class SyscallProbePointCodeFix() : NodeCodeFix<ExpressionSyntax>(DiagnosticCatalog.RemovedProbePoint, batchFixAll: true)
{
    private protected override Task<Fix?> FixAsync(Document document, SyntaxNode root, ExpressionSyntax point, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (!diagnostic.Properties.TryGetValue(RemovedProbePointAnalyzer.ReplacementProperty, out var replacement) || replacement is null)
        {
            return Task.FromResult<Fix?>(null);
        }

        var literal = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(replacement))
            .WithTriviaFrom(point);
        return Task.FromResult<Fix?>(Fix.Replacing($"Use '{replacement}'", document, root, point, () => literal));
    }
}
