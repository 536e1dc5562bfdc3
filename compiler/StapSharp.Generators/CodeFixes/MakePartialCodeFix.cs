using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using StapSharp.Compiler.Diagnostics;

namespace StapSharp.Generators.CodeFixes;

/// <summary>STAP0400 → adds <c>partial</c> to the class declaration.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialCodeFix)), Shared]
public sealed class MakePartialCodeFix() : NodeCodeFix<TypeDeclarationSyntax>(DiagnosticCatalog.ProbeScriptNotPartial, batchFixAll: true)
{
    private protected override Task<Fix?> FixAsync(Document document, SyntaxNode root, TypeDeclarationSyntax declaration, Diagnostic diagnostic, CancellationToken cancellationToken) =>
        Task.FromResult<Fix?>(new Fix($"Make '{declaration.Identifier.Text}' partial", async cancellationToken =>
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            editor.SetModifiers(declaration, editor.Generator.GetModifiers(declaration).WithPartial(true));
            return editor.GetChangedDocument();
        }));
}
