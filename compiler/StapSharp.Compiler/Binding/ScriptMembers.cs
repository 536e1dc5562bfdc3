using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.Discovery;

namespace StapSharp.Compiler.Binding;

/// <summary>
/// Which members make up a script: those of the class and of its base classes below ProbeScript (a
/// derived script has every probe, global and function of its bases, as a C# object has), each at
/// its own source place. Deny by default: static fields and ordinary methods are translated, every
/// other kind of member is reported, so nothing a script declares is left out without a word.
/// </summary>
internal static class ScriptMembers
{
    private const string Holds = "a probe script holds static fields (globals) and methods (probes and functions)";
    private const string NoObject = "a probe script is never an object stap could apply it to: write a method of the script and call it";

    /// <summary>The members to translate, bases first and each class in source order; reports the ones that cannot be.</summary>
    public static IReadOnlyList<ISymbol> Of(INamedTypeSymbol script, KnownSymbols known, StapDiagnosticBag diagnostics)
    {
        var members = ProbeScriptDiscovery.Hierarchy(script, known)
            .Where(declaring => IsTranslatable(declaring, script, diagnostics))
            .SelectMany(InSourceOrder)
            .ToList();
        ReportHiddenFields(members, diagnostics);
        ReportUntranslated(members, BuildIfBinder.NamedConditions(members, known), diagnostics);
        return members;
    }

    /// <summary>
    /// The declaration whose body a method runs: for a partial method, the part with the implementation
    /// (the defining part has none). Null for a method without a body (extern, abstract, partial without implementation).
    /// </summary>
    public static BaseMethodDeclarationSyntax? BodyOf(IMethodSymbol method) =>
        Implementation(method).DeclaringSyntaxReferences
            .Select(r => r.GetSyntax())
            .OfType<BaseMethodDeclarationSyntax>()
            .FirstOrDefault(d => d.Body is not null || d.ExpressionBody is not null);

    /// <summary>The method whose body and parameters the body's code refers to: the implementing part of a partial method.</summary>
    public static IMethodSymbol Implementation(IMethodSymbol method) => method.PartialImplementationPart ?? method;

    /// <summary>Members ordered by file, then position, so the output does not depend on Roslyn's member order.</summary>
    private static IEnumerable<ISymbol> InSourceOrder(INamedTypeSymbol declaring) =>
        declaring.GetMembers()
            .Where(m => !m.IsImplicitlyDeclared && m.Locations.Any(l => l.IsInSource))
            .OrderBy(m => m.Locations[0].SourceTree?.FilePath, StringComparer.Ordinal)
            .ThenBy(m => m.Locations[0].SourceSpan.Start);

    /// <summary>
    /// Whether a class of the hierarchy can give its members to the script; reports a base class whose
    /// members cannot be read (compiled elsewhere) or would need its type arguments (generic).
    /// </summary>
    private static bool IsTranslatable(INamedTypeSymbol declaring, INamedTypeSymbol script, StapDiagnosticBag diagnostics)
    {
        if (SymbolEqualityComparer.Default.Equals(declaring, script))
        {
            return true;
        }

        if (declaring.DeclaringSyntaxReferences.IsEmpty)
        {
            diagnostics.Report(DiagnosticCatalog.UnsupportedSyntax, script.Locations[0], $"The base class '{declaring.ToDisplayString()}'",
                "it is compiled elsewhere, so its probes and fields cannot be translated with this script: add its source to the script's sources");
            return false;
        }

        if (declaring.IsGenericType)
        {
            diagnostics.Report(DiagnosticCatalog.UnsupportedSyntax, declaring.Locations[0], $"The generic base class '{declaring.Name}'",
                "a probe script's base class holds long, string and map fields of fixed types: declare it without type parameters");
            return false;
        }

        return true;
    }

    /// <summary>A static field named like a field of a base class: C# keeps both, stap would have one global.</summary>
    private static void ReportHiddenFields(IReadOnlyList<ISymbol> members, StapDiagnosticBag diagnostics)
    {
        var fields = new Dictionary<string, IFieldSymbol>(StringComparer.Ordinal);
        foreach (var field in members.OfType<IFieldSymbol>().Where(f => !f.IsConst))
        {
            if (fields.TryGetValue(field.Name, out var hidden))
            {
                diagnostics.Report(DiagnosticCatalog.BadGlobal, field.Locations[0], field.Name,
                    $"hides the field '{field.Name}' of the base class '{hidden.ContainingType.Name}': C# keeps both, but stap has one global per name; rename one of them");
            }

            fields[field.Name] = field;
        }
    }

    /// <param name="conditions">The properties [BuildIf] names: conditions, checked where they are named.</param>
    private static void ReportUntranslated(IEnumerable<ISymbol> members, IReadOnlySet<string> conditions, StapDiagnosticBag diagnostics)
    {
        foreach (var member in members)
        {
            (string What, string Advice)? report = member switch
            {
                IFieldSymbol or IMethodSymbol { MethodKind: MethodKind.Ordinary } => null,
                IMethodSymbol { AssociatedSymbol: not null } => null, // an accessor: reported with its property or event
                IPropertySymbol property when conditions.Contains(property.Name) => null,
                IPropertySymbol or IEventSymbol => ($"The {member.Kind.ToString().ToLowerInvariant()} '{member.Name}'", Holds),
                IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor } =>
                    ("A constructor", "initialise globals in their declaration, or in a [Probe(\"begin\")] method"),
                IMethodSymbol { MethodKind: MethodKind.UserDefinedOperator or MethodKind.Conversion } =>
                    ($"'{member.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)}'", NoObject),
                IMethodSymbol { MethodKind: MethodKind.Destructor } =>
                    ("A finalizer", "a probe script is never collected, so it would never run: put what the script does at its end in a [Probe(\"end\")] method"),
                IMethodSymbol { MethodKind: MethodKind.ExplicitInterfaceImplementation } =>
                    ($"The explicit interface implementation '{member.Name}'", "no script code can call it through the interface: make it an ordinary method"),
                INamedTypeSymbol => ($"The nested type '{member.Name}'", "declare it outside the probe script"),
                _ => ($"The member '{member.Name}'", Holds),
            };
            if (report is { } untranslated)
            {
                diagnostics.Report(DiagnosticCatalog.UnsupportedSyntax, member.Locations[0], untranslated.What, untranslated.Advice);
            }
        }
    }
}
