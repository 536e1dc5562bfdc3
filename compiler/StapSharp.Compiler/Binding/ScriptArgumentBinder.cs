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
    private readonly KnownSymbols _symbols;
    private readonly StapDiagnosticBag _diagnostics;
    private readonly Dictionary<int, string> _positions = [];

    public ScriptArgumentBinder(Compilation compilation, StapDiagnosticBag diagnostics)
    {
        _symbols = KnownSymbols.For(compilation);
        _diagnostics = diagnostics;
    }

    /// <summary>The global of a field with what its declaration adds; null for a field that is no global (a const).</summary>
    public Global? Apply(IFieldSymbol field, Global? global)
    {
        var declarator = field.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() as VariableDeclaratorSyntax;
        var isPrivate = declarator?.Parent?.Parent is FieldDeclarationSyntax declaration &&
                        declaration.Modifiers.Any(SyntaxKind.PrivateKeyword);
        var attribute = field.GetAttributes().FirstOrDefault(a => KnownSymbols.Is(a.AttributeClass, _symbols.ScriptArgumentAttribute));
        var location = attribute?.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? field.Locations[0];
        if (global is null)
        {
            if (attribute is not null && field.IsConst)
            {
                // C# writes a const's value into every use, so no argument could ever reach it.
                _diagnostics.Report(DiagnosticCatalog.BadScriptArgument, location, field.Name,
                    $"is const, so C# puts its value into every use and the argument could never change it: declare it static, not const (static {field.Type.ToDisplayString()} {field.Name}{(declarator?.Initializer is { } initializer ? " " + initializer : string.Empty)};)");
            }

            return null;
        }

        if (attribute is null)
        {
            return global with { IsPrivate = isPrivate };
        }

        var position = attribute.ConstructorArguments.FirstOrDefault().Value as int? ?? 0;
        if (position < 1)
        {
            _diagnostics.Report(DiagnosticCatalog.BadScriptArgument, location, field.Name, $"has position {position}: script arguments count from 1 ($1, $2, ...)");
            return global;
        }

        if (_positions.TryGetValue(position, out var other))
        {
            _diagnostics.Report(DiagnosticCatalog.BadScriptArgument, location, field.Name, $"takes argument {position}, which '{other}' already takes: give each field its own position");
            return global;
        }

        _positions[position] = field.Name;
        var type = StapTypes.Map(field.Type, out _);
        if (global.Array is not null || type is not (StapType.Long or StapType.String))
        {
            _diagnostics.Report(DiagnosticCatalog.BadScriptArgument, field.Locations[0], field.Name,
                $"has type '{field.Type.ToDisplayString()}': a script argument is a long ($N) or a string (@N)");
            return global;
        }

        if (field.Type.SpecialType == SpecialType.System_Boolean)
        {
            _diagnostics.Report(DiagnosticCatalog.BadScriptArgument, field.Locations[0], field.Name,
                "is a bool: stap pastes the argument's text, and true/false are not stap values; use a long (0 or 1)");
            return global;
        }

        return global with { Argument = new ScriptArgumentRef(position, type.Value), IsPrivate = isPrivate };
    }
}
