using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Generators.Analysis;

namespace StapSharp.Generators.CodeFixes;

/// <summary>
/// STAP0402 → reads the return probe's target parameters in a new entry probe, keeps them per thread
/// in a map, and has the return probe take (and remove) them from there: stap's <c>@entry($var)</c>,
/// written out.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReadAtEntryCodeFix)), Shared]
public sealed class ReadAtEntryCodeFix()
    // One fix moves every target parameter of the probe; fixing them one by one would add one entry probe each.
    : NodeCodeFix<MethodDeclarationSyntax>(DiagnosticCatalog.TargetReadInReturnProbe, batchFixAll: false)
{
    private protected override async Task<Fix?> FixAsync(Document document, SyntaxNode root, MethodDeclarationSyntax returnProbe, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (model is null || ProbeSymbols.From(model.Compilation) is not { } symbols ||
            !diagnostic.Properties.TryGetValue(ReturnProbeTargetAnalyzer.EntryPointsProperty, out var entryPoints) || entryPoints is null ||
            returnProbe is not { Parent: TypeDeclarationSyntax script })
        {
            return null;
        }

        var moved = returnProbe.ParameterList.Parameters
            .Where(p => model.GetDeclaredSymbol(p, cancellationToken) is { } parameter &&
                        symbols.TargetNameOf(parameter) is { } target && target.Split(["->"], StringSplitOptions.None)[0] != "return")
            .ToList();
        if (moved.Count == 0 || moved.Any(p => p.Type is null))
        {
            return null;
        }

        return Fix.Replacing($"Read {string.Join(", ", moved.Select(p => p.Identifier.Text))} in an entry probe", document, root, script,
            () => Rewrite(script, returnProbe, moved, entryPoints.Split('\n')));
    }

    private static TypeDeclarationSyntax Rewrite(TypeDeclarationSyntax script, MethodDeclarationSyntax returnProbe, IReadOnlyList<ParameterSyntax> moved, IReadOnlyList<string> entryPoints)
    {
        var taken = new HashSet<string>(script.Members.SelectMany(MemberNames), StringComparer.Ordinal);
        var maps = moved.Select(p => (Parameter: p, Map: Unique(p.Identifier.Text + "AtEntry", taken))).ToList();
        const string tid = "global::StapSharp.Stap.Tid()";
        var lineBreak = MethodBodies.LineBreakOf(script);

        var fields = maps.Select(m => Member($"static readonly global::StapSharp.StapMap<long, {m.Parameter.Type}> {m.Map} = new();", lineBreak));
        var entryProbe = Member(
            string.Concat(entryPoints.Select(p => $"[global::StapSharp.Probe({SymbolDisplay.FormatLiteral(p, quote: true)})]\n")) +
            $"void {Unique(returnProbe.Identifier.Text + "Entry", taken)}({string.Join(", ", moved.Select(p => p.WithoutTrivia().ToFullString()))})\n{{\n" +
            string.Concat(maps.Select(m => $"{m.Map}[{tid}] = {m.Parameter.Identifier.Text};\n")) +
            "}", lineBreak);
        var reads = maps.SelectMany(m => new[]
        {
            MethodBodies.Statement($"{m.Parameter.Type} {m.Parameter.Identifier.Text} = {m.Map}[{tid}];", lineBreak),
            MethodBodies.Statement($"{m.Map}.Remove({tid});", lineBreak),
        });
        var rewritten = MethodBodies.WithStatements(
            returnProbe.WithParameterList(returnProbe.ParameterList.WithParameters(
                SyntaxFactory.SeparatedList(returnProbe.ParameterList.Parameters.Where(p => !moved.Contains(p))))),
            reads, []);

        var members = script.Members.ToList();
        var at = members.IndexOf(returnProbe);
        members[at] = rewritten;
        members.Insert(at, entryProbe.WithLeadingTrivia(returnProbe.GetLeadingTrivia()));
        var fieldsAt = members.FindLastIndex(m => m is FieldDeclarationSyntax) + 1;
        members.InsertRange(fieldsAt, fields);
        return script.WithMembers(SyntaxFactory.List(members));
    }

    // Parsed text ends without a line break: end it with the file's own.
    private static MemberDeclarationSyntax Member(string text, SyntaxTrivia lineBreak) =>
        SyntaxFactory.ParseMemberDeclaration(text)!
            .WithTrailingTrivia(lineBreak)
            .WithAdditionalAnnotations(Formatter.Annotation, Simplifier.Annotation);

    private static IEnumerable<string> MemberNames(MemberDeclarationSyntax member) => member switch
    {
        FieldDeclarationSyntax field => field.Declaration.Variables.Select(v => v.Identifier.Text),
        MethodDeclarationSyntax method => [method.Identifier.Text],
        BaseTypeDeclarationSyntax type => [type.Identifier.Text],
        PropertyDeclarationSyntax property => [property.Identifier.Text],
        _ => [],
    };

    private static string Unique(string name, ISet<string> taken)
    {
        var candidate = name;
        for (var n = 2; !taken.Add(candidate); n++)
        {
            candidate = name + n;
        }

        return candidate;
    }
}
