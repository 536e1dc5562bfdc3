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

/// <summary>
/// STAP0402 on a long parameter → the parameter becomes a local read with
/// <c>Entry(Var.Long("path"))</c>, stap's <c>@entry($path)</c>: the same value, now saying what it is.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseEntryCodeFix)), Shared]
public sealed class UseEntryCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [DiagnosticCatalog.TargetReadInReturnProbe.Id];

    // Each fix edits the same method's parameter list and body: applied together they would collide.
    public override FixAllProvider? GetFixAllProvider() => null;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        var diagnostic = context.Diagnostics[0];
        if (root is null || model is null || ProbeSymbols.From(model.Compilation) is not { } symbols ||
            root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<ParameterSyntax>() is not { Type: { } type, Parent.Parent: MethodDeclarationSyntax method } parameter ||
            model.GetDeclaredSymbol(parameter, context.CancellationToken) is not { Type.SpecialType: SpecialType.System_Int64 } symbol ||
            symbols.TargetNameOf(symbol) is not { } target)
        {
            return;
        }

        var entry = ReturnProbeTargetAnalyzer.EntryFormOf(target);
        context.RegisterCodeFix(
            CodeAction.Create($"Read '{parameter.Identifier.Text}' as {entry}", _ =>
            {
                var read = MethodBodies.Statement($"{type} {parameter.Identifier.Text} = global::StapSharp.Stap.{entry.Replace("Var.", "global::StapSharp.Var.")};",
                    MethodBodies.LineBreakOf(root));
                var withoutParameter = method.WithParameterList(method.ParameterList.WithParameters(method.ParameterList.Parameters.Remove(parameter)));
                var rewritten = MethodBodies.WithStatements(withoutParameter, [read], []);
                return Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(method, rewritten)));
            }, equivalenceKey: nameof(UseEntryCodeFix)),
            diagnostic);
    }
}
