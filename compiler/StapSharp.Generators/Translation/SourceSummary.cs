using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace StapSharp.Generators.Translation;

/// <summary>
/// One top-level declaration of a source file (a type, enum or delegate with everything nested in it):
/// the hash of its tokens with their lines and columns, the names it declares and the names it uses.
/// Comments and blank space inside a line change nothing here; a token that moves does, as the
/// places of the diagnostics about it move with it.
/// </summary>
internal sealed record SourceDeclaration(string FilePath, int Start, int End, string Hash, IReadOnlyCollection<string> DeclaredNames, IReadOnlyCollection<string> UsedNames);

/// <summary>
/// What a source file can contribute to the translation of a probe script, summarised once per
/// syntax tree (an IDE keeps the trees of the files not being edited from one compilation to the next).
/// </summary>
internal sealed class SourceSummary
{
    private static readonly ConditionalWeakTable<SyntaxTree, SourceSummary> Cache = new();

    private SourceSummary(string filePath, string headerHash, bool isGlobal, IReadOnlyCollection<string> headerNames, IReadOnlyList<SourceDeclaration> declarations)
    {
        FilePath = filePath;
        HeaderHash = headerHash;
        IsGlobal = isGlobal;
        HeaderNames = headerNames;
        Declarations = declarations;
    }

    public string FilePath { get; }

    /// <summary>The tokens outside the declarations (usings, namespaces, attributes) and every directive of the file, with their places.</summary>
    public string HeaderHash { get; }

    /// <summary>The file has global usings or assembly attributes: they can change what any name of any file means.</summary>
    public bool IsGlobal { get; }

    public IReadOnlyCollection<string> HeaderNames { get; }

    public IReadOnlyList<SourceDeclaration> Declarations { get; }

    public static SourceSummary Of(SyntaxTree tree, CancellationToken cancellationToken) =>
        Cache.GetValue(tree, t => Summarise(t, cancellationToken));

    private static SourceSummary Summarise(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var root = tree.GetRoot(cancellationToken);
        var text = tree.GetText(cancellationToken);
        var declarations = new List<SourceDeclaration>();
        foreach (var member in TopLevelDeclarations(root))
        {
            var used = new HashSet<string>(StringComparer.Ordinal);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            AddTokens(hash, member.DescendantTokens(), text, used);
            declarations.Add(new SourceDeclaration(tree.FilePath, member.SpanStart, member.Span.End, Hex(hash), DeclaredNames(member), used));
        }

        var headerNames = new HashSet<string>(StringComparer.Ordinal);
        using var header = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(header, tree.FilePath);
        Append(header, tree.Options is CSharpParseOptions options ? $"{options.LanguageVersion}|{string.Join(",", options.PreprocessorSymbolNames)}" : string.Empty);
        AddTokens(header, root.DescendantTokens(node => node is not (BaseTypeDeclarationSyntax or DelegateDeclarationSyntax)), text, headerNames);
        foreach (var directive in root.DescendantTrivia(descendIntoTrivia: false).Where(t => t.IsDirective))
        {
            Append(header, $"{text.Lines.GetLinePosition(directive.SpanStart)}|{directive.ToString()}");
        }

        var unit = (CompilationUnitSyntax)root;
        var isGlobal = unit.Usings.Any(u => u.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword)) || unit.AttributeLists.Count > 0;
        return new SourceSummary(tree.FilePath, Hex(header), isGlobal, headerNames, declarations);
    }

    /// <summary>Types, enums and delegates declared at the top of the file or of a namespace.</summary>
    private static IEnumerable<MemberDeclarationSyntax> TopLevelDeclarations(SyntaxNode root) =>
        root.DescendantNodes(node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax)
            .OfType<MemberDeclarationSyntax>()
            .Where(member => member is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax);

    /// <summary>
    /// The names a use elsewhere could reach this declaration by: every type in it (an attribute's
    /// without its suffix too), and the methods and properties of static classes (extension members
    /// and <c>using static</c> imports).
    /// </summary>
    private static IReadOnlyCollection<string> DeclaredNames(SyntaxNode declaration)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in declaration.DescendantNodesAndSelf())
        {
            var name = node switch
            {
                BaseTypeDeclarationSyntax type => type.Identifier.ValueText,
                DelegateDeclarationSyntax @delegate => @delegate.Identifier.ValueText,
                MethodDeclarationSyntax method when InStaticClass(method) => method.Identifier.ValueText,
                PropertyDeclarationSyntax property when InStaticClass(property) => property.Identifier.ValueText,
                _ => null,
            };
            if (name is not null)
            {
                names.Add(name);
                if (name.Length > "Attribute".Length && name.EndsWith("Attribute", StringComparison.Ordinal))
                {
                    names.Add(name.Substring(0, name.Length - "Attribute".Length));
                }
            }
        }

        return names;
    }

    private static bool InStaticClass(SyntaxNode member) =>
        member.Ancestors().OfType<ClassDeclarationSyntax>().Any(owner => owner.Modifiers.Any(SyntaxKind.StaticKeyword));

    private static void AddTokens(IncrementalHash hash, IEnumerable<SyntaxToken> tokens, SourceText text, HashSet<string> names)
    {
        foreach (var token in tokens)
        {
            var position = text.Lines.GetLinePosition(token.SpanStart);
            Append(hash, $"{position.Line},{position.Character},{token.RawKind},{token.Text}\n");
            if (token.IsKind(SyntaxKind.IdentifierToken))
            {
                names.Add(token.ValueText);
            }
        }
    }

    private static void Append(IncrementalHash hash, string text) => hash.AppendData(Encoding.UTF8.GetBytes(text));

    private static string Hex(IncrementalHash hash) => Convert.ToHexString(hash.GetHashAndReset());
}
