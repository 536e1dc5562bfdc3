using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Generators.Analysis;

namespace StapSharp.Generators.CodeFixes;

/// <summary>
/// STAP0402 on a long parameter → the parameter becomes a local read with
/// <c>Entry(Var.Long("path"))</c>, stap's <c>@entry($path)</c>: the same value, now saying what it is.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseEntryCodeFix)), Shared]
public sealed class UseEntryCodeFix()
    // Each fix edits the same method's parameter list and body: applied together they would collide.
    : NodeCodeFix<ParameterSyntax>(DiagnosticCatalog.TargetReadInReturnProbe, batchFixAll: false)
{
    private protected override async Task<Fix?> FixAsync(Document document, SyntaxNode root, ParameterSyntax parameter, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (model is null || ProbeSymbols.From(model.Compilation) is not { } symbols ||
            parameter is not { Type: { } type, Parent.Parent: MethodDeclarationSyntax method } ||
            model.GetDeclaredSymbol(parameter, cancellationToken) is not { Type.SpecialType: SpecialType.System_Int64 } symbol ||
            symbols.TargetNameOf(symbol) is not { } target)
        {
            return null;
        }

        var entry = ReturnProbeTargetAnalyzer.EntryFormOf(target);
        return Fix.Replacing($"Read '{parameter.Identifier.Text}' as {entry}", document, root, method, () =>
        {
            var read = MethodBodies.Statement($"{type} {parameter.Identifier.Text} = global::StapSharp.Stap.{entry.Replace("Var.", "global::StapSharp.Var.")};",
                MethodBodies.LineBreakOf(root));
            var withoutParameter = method.WithParameterList(method.ParameterList.WithParameters(method.ParameterList.Parameters.Remove(parameter)));
            return MethodBodies.WithStatements(withoutParameter, [read], []);
        });
    }
}
