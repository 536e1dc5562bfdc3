using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using StapSharp.Compiler.Diagnostics;

namespace StapSharp.Generators.CodeFixes;

/// <summary>
/// What every StapSharp code fix shares: it fixes one diagnostic id, finds the <typeparamref name="TNode"/>
/// at each diagnostic, and offers one code action there whose equivalence key starts with the fix's name.
/// A fix says only what it changes, in <see cref="FixAsync"/>.
/// </summary>
public abstract class NodeCodeFix<TNode> : CodeFixProvider
    where TNode : SyntaxNode
{
    private readonly bool _batchFixAll;

    /// <param name="diagnostic">The diagnostic fixed.</param>
    /// <param name="batchFixAll">Whether Fix All applies the document's fixes together; false when they would edit the same code and collide.</param>
    private protected NodeCodeFix(StapDiagnosticDescriptor diagnostic, bool batchFixAll)
    {
        FixableDiagnosticIds = [diagnostic.Id];
        _batchFixAll = batchFixAll;
    }

    public sealed override ImmutableArray<string> FixableDiagnosticIds { get; }

    public sealed override FixAllProvider? GetFixAllProvider() => _batchFixAll ? WellKnownFixAllProviders.BatchFixer : null;

    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<TNode>() is not { } node ||
                await FixAsync(context.Document, root, node, diagnostic, context.CancellationToken).ConfigureAwait(false) is not { } fix)
            {
                continue;
            }

            context.RegisterCodeFix(CodeAction.Create(fix.Title, fix.Change, equivalenceKey: GetType().Name + fix.EquivalenceKeySuffix), diagnostic);
        }
    }

    /// <summary>The change for <paramref name="node"/>, where <paramref name="diagnostic"/> is, or null when there is none to offer.</summary>
    private protected abstract Task<Fix?> FixAsync(Document document, SyntaxNode root, TNode node, Diagnostic diagnostic, CancellationToken cancellationToken);

    /// <summary>One code action: its title, the changed document, and what tells its Fix All group apart from others of the same fix.</summary>
    private protected sealed record Fix(string Title, Func<CancellationToken, Task<Document>> Change, string EquivalenceKeySuffix = "")
    {
        /// <summary>The fix that replaces <paramref name="node"/> in <paramref name="root"/> with <paramref name="replacement"/>.</summary>
        public static Fix Replacing(string title, Document document, SyntaxNode root, SyntaxNode node, Func<SyntaxNode> replacement, string equivalenceKeySuffix = "") =>
            new(title, _ => Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(node, replacement()))), equivalenceKeySuffix);
    }
}
