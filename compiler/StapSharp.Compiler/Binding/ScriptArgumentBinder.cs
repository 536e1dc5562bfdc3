using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.IR;

namespace StapSharp.Compiler.Binding;

/// <summary>
/// What a field's declaration adds to its global: <c>[ScriptArgument(N)]</c> sets it from the script's
/// N-th argument (<c>$N</c>, or <c>@N</c> for a string), and an explicit <c>private</c> makes it a
/// <c>private global</c>.
/// </summary>
internal sealed class ScriptArgumentBinder
{
    private readonly KnownSymbols symbols;
    private readonly DiagnosticBag diagnostics;
    private readonly Dictionary<int, string> positions = [];

    public ScriptArgumentBinder(Compilation compilation, DiagnosticBag diagnostics)
    {
        symbols = KnownSymbols.For(compilation);
        this.diagnostics = diagnostics;
    }

    public Global Apply(IFieldSymbol field, Global global)
    {
        var isPrivate = field.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax().Parent?.Parent is FieldDeclarationSyntax declaration &&
                        declaration.Modifiers.Any(SyntaxKind.PrivateKeyword);
        var attribute = field.GetAttributes().FirstOrDefault(a => KnownSymbols.Is(a.AttributeClass, symbols.ScriptArgumentAttribute));
        if (attribute is null)
        {
            return global with { IsPrivate = isPrivate };
        }

        var location = attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? field.Locations[0];
        var position = attribute.ConstructorArguments.FirstOrDefault().Value as int? ?? 0;
        if (position < 1)
        {
            diagnostics.Report(DiagnosticCatalog.BadScriptArgument, location, field.Name, $"has position {position}: script arguments count from 1 ($1, $2, ...)");
            return global;
        }

        if (positions.TryGetValue(position, out var other))
        {
            diagnostics.Report(DiagnosticCatalog.BadScriptArgument, location, field.Name, $"takes argument {position}, which '{other}' already takes: give each field its own position");
            return global;
        }

        positions[position] = field.Name;
        var type = StapTypes.Map(field.Type, out _);
        if (global.Array is not null || type is not (StapType.Long or StapType.String))
        {
            diagnostics.Report(DiagnosticCatalog.BadScriptArgument, field.Locations[0], field.Name,
                $"has type '{field.Type.ToDisplayString()}': a script argument is a long ($N) or a string (@N)");
            return global;
        }

        if (field.Type.SpecialType == SpecialType.System_Boolean)
        {
            diagnostics.Report(DiagnosticCatalog.BadScriptArgument, field.Locations[0], field.Name,
                "is a bool: stap pastes the argument's text, and true/false are not stap values; use a long (0 or 1)");
            return global;
        }

        return global with { Argument = new ScriptArgumentRef(position, type.Value), IsPrivate = isPrivate };
    }
}
