using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace StapSharp.Generators.Generation;

/// <summary>One type declaration around a probe script: <c>partial class Outer</c>, as written.</summary>
internal sealed record TypeHeader(string Keyword, string NameWithTypeParameters, bool IsPartial);

/// <summary>
/// What the generator needs to know of a probe-script class, as plain values: where to declare the
/// generated partial (namespace, enclosing types) and whether it can (every declaration partial).
/// </summary>
internal sealed record ProbeClassShape(string DisplayName, string Namespace, EquatableArray<TypeHeader> Types)
{
    /// <summary>The class and all its enclosing types are partial, so a generated part can join them.</summary>
    public bool CanExtend => Types.All(t => t.IsPartial);

    public string HintName => DisplayName.Replace('<', '{').Replace('>', '}') + ".StapScript.g.cs";

    public static ProbeClassShape From(INamedTypeSymbol type)
    {
        var headers = new List<TypeHeader>();
        for (var current = type; current is not null; current = current.ContainingType)
        {
            headers.Insert(0, new TypeHeader(KeywordOf(current), NameOf(current), IsPartial(current)));
        }

        var ns = type.ContainingNamespace is { IsGlobalNamespace: false } containing ? containing.ToDisplayString() : string.Empty;
        return new ProbeClassShape(type.ToDisplayString(), ns, new EquatableArray<TypeHeader>([.. headers]));
    }

    /// <summary>Every declaration of the type carries <c>partial</c> (C# requires it on all or none).</summary>
    public static bool IsPartial(INamedTypeSymbol type) =>
        type.DeclaringSyntaxReferences.Length > 0 &&
        type.DeclaringSyntaxReferences.All(r => r.GetSyntax() is TypeDeclarationSyntax declaration &&
                                                declaration.Modifiers.Any(SyntaxKind.PartialKeyword));

    private static string KeywordOf(INamedTypeSymbol type) => (type.TypeKind, type.IsRecord) switch
    {
        (TypeKind.Struct, true) => "record struct",
        (TypeKind.Struct, false) => "struct",
        (TypeKind.Interface, _) => "interface",
        (_, true) => "record",
        _ => "class",
    };

    private static string NameOf(INamedTypeSymbol type) =>
        type.TypeParameters.Length == 0 ? type.Name : $"{type.Name}<{string.Join(", ", type.TypeParameters.Select(p => p.Name))}>";
}
