using CsCheck;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using StapSharp.Compiler.Tests.Fuzz.Programs;
using StapSharp.Compiler.Tests.Ports;
using StapSharp.Compiler.Tests.Support;
using StapSharp.Tests.Shared;

namespace StapSharp.Compiler.Tests.Fuzz.Mutation;

/// <summary>A real probe script changed in one step, and what was changed.</summary>
internal sealed record Mutant(string Origin, string Change, string Text)
{
    public override string ToString() => $"// {Origin}: {TranslationChecks.Visible(Change)}\n{Text}";
}

/// <summary>A probe script of the repository and its tokens, as Roslyn reads them.</summary>
internal sealed record Original(string Name, string Text, IReadOnlyList<SyntaxToken> Tokens)
{
    public IReadOnlyList<SyntaxToken> Literals { get; } = Tokens.Where(t => t.IsKind(SyntaxKind.NumericLiteralToken) || t.IsKind(SyntaxKind.StringLiteralToken) ||
        t.IsKind(SyntaxKind.CharacterLiteralToken) || t.IsKind(SyntaxKind.InterpolatedStringTextToken)).ToList();
}

/// <summary>
/// One-step mutants of the samples, the ports of real scripts (those that need no arguments) and the snapshot inputs: a token
/// deleted, duplicated or swapped with another (often one of its kind), a literal changed (to an edge
/// value or hostile text), or hostile text inserted between tokens.
/// </summary>
internal static class Mutants
{
    public static readonly Lazy<IReadOnlyList<Original>> Originals = new(() =>
    {
        var root = Snapshot.RepositoryRoot();
        var files = Directory.GetFiles(Path.Combine(root, "samples"), "*.cs", SearchOption.AllDirectories)
            // A port that needs its own arguments parses only with them, and its mutants may need others (a
            // changed index or type): stap parses the mutants without arguments, so those ports are left out.
            .Concat(PortCatalog.All.Where(port => port.Arguments.Count == 0).Select(port => port.SourcePath))
            .Concat(Directory.GetFiles(Path.Combine(root, "tests", "StapSharp.Compiler.Tests", "Snapshots", "Inputs"), "*.cs"))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && File.ReadAllText(f).Contains(": ProbeScript", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        return files.Select(f =>
        {
            var text = File.ReadAllText(f);
            var tokens = CSharpSyntaxTree.ParseText(text).GetRoot().DescendantTokens().Where(t => !t.IsKind(SyntaxKind.EndOfFileToken)).ToList();
            return new Original(Path.GetRelativePath(root, f), text, tokens);
        }).ToList();
    });

    private static readonly string[] EdgeNumbers = ["0", "-1", "9223372036854775807", "9223372036854775808", "-9223372036854775808", "1.5", "0x", "1e400", "'c'", "null", "int.MaxValue"];

    public static Gen<Mutant> All => Choose.Element(Originals.Value).SelectMany(original => Choose.Weighted(
        (1, () => Gen.Int[0, original.Tokens.Count - 1].Select(i => Replace(original, original.Tokens[i].Span, "", $"deleted '{original.Tokens[i]}'"))),
        (1, () => Gen.Int[0, original.Tokens.Count - 1].Select(i => Replace(original, new TextSpan(original.Tokens[i].Span.End, 0), " " + original.Tokens[i].Text, $"duplicated '{original.Tokens[i]}'"))),
        (1, () => Gen.Select(Gen.Int[0, original.Tokens.Count - 1], Gen.Int[0, original.Tokens.Count - 1], (i, j) => Swap(original, Math.Min(i, j), Math.Max(i, j)))),
        // Two names, two literals or two operators swapped: still C# often, so the translator sees more of them.
        (3, () => Gen.Int[0, original.Tokens.Count - 1].SelectMany(i =>
        {
            var alike = Enumerable.Range(0, original.Tokens.Count).Where(j => original.Tokens[j].RawKind == original.Tokens[i].RawKind).ToList();
            return Choose.Element(alike).Select(j => Swap(original, Math.Min(i, j), Math.Max(i, j)));
        })),
        (3, () => Gen.Select(Gen.Int[0, Math.Max(0, original.Literals.Count - 1)], Choose.Element(EdgeNumbers), Choose.Element(HostileStrings.All), Gen.Bool,
            (i, number, hostile, quoted) => original.Literals.Count == 0 ? new Mutant(original.Name, "no literal", original.Text) :
                Replace(original, original.Literals[i].Span, original.Literals[i].IsKind(SyntaxKind.NumericLiteralToken) ? number : quoted ? CSharpLiteral.Quote(hostile.Value) : hostile.Value,
                    $"literal '{original.Literals[i]}' changed to {(original.Literals[i].IsKind(SyntaxKind.NumericLiteralToken) ? number : hostile.Name)}"))),
        (2, () => Gen.Select(Gen.Int[0, original.Tokens.Count - 1], Choose.Element(HostileStrings.All.Concat(HostileStrings.Identifiers).ToList()), Gen.Bool,
            (i, hostile, quoted) => Replace(original, new TextSpan(original.Tokens[i].Span.Start, 0), (quoted ? CSharpLiteral.Quote(hostile.Value) : hostile.Value) + " ",
                $"{hostile.Name} inserted before '{original.Tokens[i]}'")))));

    private static Mutant Replace(Original original, TextSpan span, string replacement, string change) =>
        new(original.Name, change, original.Text[..span.Start] + replacement + original.Text[span.End..]);

    private static Mutant Swap(Original original, int first, int second)
    {
        if (first == second)
        {
            return new Mutant(original.Name, "nothing swapped", original.Text);
        }

        var (a, b) = (original.Tokens[first], original.Tokens[second]);
        var text = original.Text[..a.Span.Start] + b.Text + original.Text[a.Span.End..b.Span.Start] + a.Text + original.Text[b.Span.End..];
        return new Mutant(original.Name, $"swapped '{a}' and '{b}'", text);
    }
}
