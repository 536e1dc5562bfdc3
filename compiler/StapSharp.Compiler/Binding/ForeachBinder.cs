using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.IR;

namespace StapSharp.Compiler.Binding;

/// <summary>
/// <c>foreach</c> over a StapMap: <c>foreach (var (key, value) in map)</c>,
/// <c>foreach (var ((k1, k2), value) in map)</c> or <c>foreach (var entry in map)</c>
/// become <c>foreach (value = [keys] in map)</c>; a query on the map (<see cref="MapQueryBinder"/>)
/// adds a slice, a sort and a limit.
/// </summary>
internal static class ForeachBinder
{
    public static Statement Bind(CommonForEachStatementSyntax loop, BodyContext context, ExpressionBinder expressions, Func<StatementSyntax, Statement> bindBody)
    {
        var span = ExpressionBinder.SpanOf(loop);
        if (new MapQueryBinder(context, expressions).Bind(loop.Expression) is not { } map)
        {
            context.Diagnostics.Report(DiagnosticCatalog.UnsupportedSyntax, loop.Expression, $"foreach over '{loop.Expression}'",
                "stap can iterate only over arrays: foreach over a StapMap field, or count with a for loop");
            return new Block(span, []);
        }

        IReadOnlyList<string> keys;
        string? value;
        switch (loop)
        {
            case ForEachStatementSyntax single when context.Model.GetDeclaredSymbol(single) is ILocalSymbol entry:
                keys = map.Shape.KeyTypes.Select((_, i) => context.Locals.Fresh(map.Shape.KeyTypes.Count == 1 ? $"{entry.Name}_key" : $"{entry.Name}_key{i + 1}")).ToList();
                value = context.Locals.Fresh($"{entry.Name}_value");
                context.MapEntries[entry] = (keys, value);
                value = StatsElement(entry, keys, map, context) ? null : value;
                break;
            case ForEachVariableStatementSyntax deconstructed when Designations(deconstructed.Variable) is [var keyPart, var valuePart]:
                keys = KeyNames(keyPart, map.Shape, context, loop);
                value = valuePart is SingleVariableDesignationSyntax v &&
                        !(context.Model.GetDeclaredSymbol(v) is ILocalSymbol statsLocal && StatsElement(statsLocal, keys, map, context))
                    ? LocalName(v, context)
                    : null;
                break;
            default:
                context.Diagnostics.Report(DiagnosticCatalog.UnsupportedSyntax, loop, "This foreach form",
                    "write foreach (var (key, value) in map) or foreach (var entry in map)");
                return new Block(span, []);
        }

        return new Foreach(span, keys, value, map.Name, bindBody(loop.Statement), map.Query);
    }

    /// <summary>
    /// stap binds no value variable for a stats array: a local standing for the element's statistic
    /// reads <c>a[k1, k2]</c> instead (<c>s.Count()</c> → <c>@count(a[k1, k2])</c>).
    /// </summary>
    private static bool StatsElement(ILocalSymbol local, IReadOnlyList<string> keys, MapSource map, BodyContext context)
    {
        if (map.Shape.ValueType != StapType.Stats)
        {
            return false;
        }

        var span = SourceSpan.From(local.Locations[0]);
        var keyRefs = keys.Select((k, i) => (Expression)new VariableRef(span, map.Shape.KeyTypes[Math.Min(i, map.Shape.KeyTypes.Count - 1)], k)).ToList();
        context.StatsElements[local] = new ArrayElement(span, StapType.Stats, map.Name, keyRefs);
        return true;
    }

    /// <summary>The two parts of <c>var (k, v)</c> or <c>(var k, var v)</c>, as designations.</summary>
    private static IReadOnlyList<VariableDesignationSyntax>? Designations(ExpressionSyntax variable) => variable switch
    {
        DeclarationExpressionSyntax { Designation: ParenthesizedVariableDesignationSyntax parts } => parts.Variables.ToList(),
        TupleExpressionSyntax tuple when tuple.Arguments.All(a => a.Expression is DeclarationExpressionSyntax) =>
            tuple.Arguments.Select(a => ((DeclarationExpressionSyntax)a.Expression).Designation).ToList(),
        _ => null,
    };

    private static IReadOnlyList<string> KeyNames(VariableDesignationSyntax keyPart, ArrayShape shape, BodyContext context, SyntaxNode loop)
    {
        var parts = keyPart is ParenthesizedVariableDesignationSyntax tuple ? tuple.Variables.ToList() : [keyPart];
        if (parts.Count != shape.KeyTypes.Count)
        {
            context.Diagnostics.Report(DiagnosticCatalog.UnsupportedSyntax, keyPart, "This key pattern",
                $"the map has {shape.KeyTypes.Count} key part(s): deconstruct them all, e.g. var ((k1, k2), value)");
        }

        // stap needs a variable for every key position, even one C# discards.
        return parts.Select(part => part is SingleVariableDesignationSyntax single ? LocalName(single, context) : context.Locals.Fresh("unused_key")).ToList();
    }

    private static string LocalName(SingleVariableDesignationSyntax designation, BodyContext context) =>
        context.Model.GetDeclaredSymbol(designation) is ILocalSymbol local
            ? context.Locals.NameOf(local, local.Name)
            : context.Locals.Fresh(designation.Identifier.ValueText);
}
