using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.IR;

namespace StapSharp.Compiler.Binding;

/// <summary>The array a foreach walks, and the slice, sort and limit of its header.</summary>
internal sealed record MapSource(string Name, ArrayShape Shape, ForeachShape? Query);

/// <summary>
/// LINQ-shaped chains on a StapMap, lowered to one stap foreach header (they never run):
/// <c>map.Matching(("x", Any.Long))</c> → <c>in map["x", *]</c>; <c>OrderBy(e =&gt; e.Value)</c> →
/// <c>in map+</c>; <c>OrderByDescending(e =&gt; e.Key.Item2)</c> → <c>[k1, k2-]</c>;
/// <c>OrderBy(e =&gt; e.Value.Sum())</c> on a map of Stats → <c>in map @sum+</c>; <c>Take(n)</c> → <c>limit n</c>.
/// Everything else in such a chain is reported at its place with the form to use instead.
/// </summary>
internal sealed class MapQueryBinder
{
    private const string ChainAdvice = "a foreach over a map takes Matching(pattern), one OrderBy or OrderByDescending, then Take(n), in this order";

    /// <summary>Aggregates stap can sort a stats array by (foreach ... in a @sum-).</summary>

    private readonly BodyContext _context;
    private readonly ExpressionBinder _expressions;

    public MapQueryBinder(BodyContext context, ExpressionBinder expressions)
    {
        _context = context;
        _expressions = expressions;
    }

    private StapDiagnosticBag Diagnostics => _context.Diagnostics;

    /// <summary>The map and header parts of a foreach collection; null when the chain does not start at a StapMap field.</summary>
    public MapSource? Bind(ExpressionSyntax collection)
    {
        var steps = new List<(InvocationExpressionSyntax Call, IMethodSymbol Method)>();
        var current = collection;
        while (current is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } call &&
               _context.Model.GetSymbolInfo(call).Symbol is IMethodSymbol method)
        {
            steps.Insert(0, (call, method));
            current = access.Expression;
        }

        if (_expressions.MapOf(current) is not { } map)
        {
            return null;
        }

        IReadOnlyList<Expression>? slice = null;
        ForeachSort? sort = null;
        Expression? limit = null;
        foreach (var (call, method) in steps)
        {
            var name = $"{method.Name}(...)";
            if (!IsQueryMethod(method))
            {
                // The first step stap has no form for; later ones are LINQ on its result and say nothing new.
                Diagnostics.Report(DiagnosticCatalog.MapQueryNotLowerable, NameOf(call), name, AdviceFor(method.Name));
                break;
            }

            switch (method.Name)
            {
                case "Matching":
                    slice = BindPattern(call.ArgumentList.Arguments[0].Expression, map.Shape);
                    break;
                case "OrderBy" or "OrderByDescending" when limit is not null:
                    Diagnostics.Report(DiagnosticCatalog.MapQueryNotLowerable, NameOf(call), name,
                        "stap applies limit after sorting, so Take before OrderBy has no stap form: write OrderBy(...).Take(n)");
                    break;
                case "OrderBy" or "OrderByDescending" when sort is not null:
                    Diagnostics.Report(DiagnosticCatalog.MapQueryNotLowerable, NameOf(call), $"A second {name}",
                        "stap sorts by one column only: keep one OrderBy or OrderByDescending");
                    break;
                case "OrderBy" or "OrderByDescending":
                    sort = BindSort(call.ArgumentList.Arguments[0].Expression, map.Shape, method.Name == "OrderByDescending");
                    break;
                case "Take" when limit is not null:
                    Diagnostics.Report(DiagnosticCatalog.MapQueryNotLowerable, NameOf(call), "A second Take(...)", "stap has one limit: keep one Take");
                    break;
                case "Take":
                    limit = _expressions.Bind(call.ArgumentList.Arguments[0].Expression, StapType.Long);
                    break;
            }
        }

        var query = slice is null && sort is null && limit is null ? null : new ForeachShape(slice, sort, limit);
        return new MapSource(map.Name, map.Shape, query);
    }

    /// <summary>A map query or LINQ call on a map anywhere but as a foreach collection: reported, with what to write.</summary>
    public bool TryReportOutsideForeach(InvocationExpressionSyntax invocation, IMethodSymbol method)
    {
        var receiver = invocation.Expression is MemberAccessExpressionSyntax access ? _context.Model.GetTypeInfo(access.Expression).Type : null;
        var onMap = method.ReducedFrom is not null && (_context.Known.IsStapMap(receiver) || _context.Known.IsMapQuery(receiver));
        if (onMap)
        {
            Diagnostics.Report(DiagnosticCatalog.MapQueryNotLowerable, NameOf(invocation), $"{method.Name}(...)", AdviceFor(method.Name));
            return true;
        }

        if (IsQueryMethod(method) && method.Name != "Matching" || _context.Known.IsMapQuery(method.ContainingType))
        {
            Diagnostics.Report(DiagnosticCatalog.MapQueryOutsideForeach, NameOf(invocation), $"{method.Name}(...)",
                "write foreach (var (key, value) in map.OrderByDescending(e => e.Value).Take(10)) { ... }");
            return true;
        }

        if (IsQueryMethod(method))
        {
            Diagnostics.Report(DiagnosticCatalog.MapQueryOutsideForeach, NameOf(invocation), $"{method.Name}(...)",
                "loop over it with foreach, test it with ContainsMatching(pattern), or delete it with RemoveMatching(pattern)");
            return true;
        }

        return false;
    }

    /// <summary>
    /// A key pattern: a key, or a tuple literal of key parts where <c>Any.Long</c>/<c>Any.String</c> are
    /// stap's <c>*</c>.
    /// </summary>
    public IReadOnlyList<Expression> BindPattern(ExpressionSyntax pattern, ArrayShape shape)
    {
        var parts = pattern is TupleExpressionSyntax tuple ? tuple.Arguments.Select(a => a.Expression).ToList() : [pattern];
        if (parts.Count != shape.KeyTypes.Count)
        {
            return _expressions.BindKeys(pattern, shape); // reports the key-shape error
        }

        return parts.Select((part, i) => IsWildcard(part, _context)
            ? new Wildcard(ExpressionBinder.SpanOf(part), shape.KeyTypes[i])
            : _expressions.Bind(part, shape.KeyTypes[i])).ToList();
    }

    /// <summary><c>Any.Long</c> or <c>Any.String</c>.</summary>
    public static bool IsWildcard(ExpressionSyntax syntax, BodyContext context) =>
        context.Model.GetSymbolInfo(syntax).Symbol is IPropertySymbol property &&
        SymbolEqualityComparer.Default.Equals(property.ContainingType, context.Known.Any);

    private bool IsQueryMethod(IMethodSymbol method) =>
        (_context.Known.IsStapMap(method.ContainingType) || _context.Known.IsMapQuery(method.ContainingType)) &&
        method.Name is "Matching" or "OrderBy" or "OrderByDescending" or "Take";

    private static SyntaxNode NameOf(InvocationExpressionSyntax call) =>
        call.Expression is MemberAccessExpressionSyntax access ? access.Name : call;

    private static string AdviceFor(string method) => method switch
    {
        "Where" => "stap filters only by key pattern: use Matching((key1, Any.Long)) to fix key parts, or test inside the loop with if",
        "Skip" or "SkipWhile" => "stap has no offset: count iterations in the loop and continue past the first ones",
        "Select" or "SelectMany" => "deconstruct the entry in the foreach instead: foreach (var ((k1, k2), value) in map)",
        "ThenBy" or "ThenByDescending" => "stap sorts by one column only: keep one OrderBy or OrderByDescending",
        "Reverse" => "use OrderByDescending",
        "Count" or "LongCount" or "Any" => "count the elements in a foreach, or keep a count in a global next to the map",
        "First" or "FirstOrDefault" or "Last" or "Max" or "Min" => "use OrderBy or OrderByDescending with Take(1) in a foreach",
        _ => ChainAdvice,
    };

    /// <summary>The sort column of an OrderBy lambda: the value, one key part, or an aggregate of a Stats value.</summary>
    private ForeachSort? BindSort(ExpressionSyntax argument, ArrayShape shape, bool descending)
    {
        var (parameter, body) = argument switch
        {
            SimpleLambdaExpressionSyntax { ExpressionBody: { } e } simple => (simple.Parameter.Identifier.ValueText, e),
            ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 1, ExpressionBody: { } e } parenthesized => (parenthesized.ParameterList.Parameters[0].Identifier.ValueText, e),
            _ => (null, argument),
        };
        var stats = shape.ValueType == StapType.Stats;
        var column = parameter is null ? null : Column(Strip(body), parameter, shape);
        if (column is not null)
        {
            return column;
        }

        var example = stats ? "e => e.Value (by @count), e => e.Value.Sum() (any aggregate but a histogram)" : "e => e.Value";
        var keyExample = shape.KeyTypes.Count == 1 ? "e => e.Key" : "e => e.Key.Item2";
        Diagnostics.Report(DiagnosticCatalog.MapQueryNotLowerable, body, $"Ordering by '{Truncate(body.ToString())}'",
            $"stap sorts by one column: the value or one key part, e.g. {example} or {keyExample}");
        return null;

        ForeachSort? Column(ExpressionSyntax e, string p, ArrayShape s)
        {
            switch (e)
            {
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Value", Expression: IdentifierNameSyntax id } when id.Identifier.ValueText == p:
                    // On statistics this is stap's default sort (foreach (k in s-)), which orders by @count.
                    return new ForeachSort(0, descending, null);
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Key", Expression: IdentifierNameSyntax id } when id.Identifier.ValueText == p && s.KeyTypes.Count == 1:
                    return new ForeachSort(1, descending, null);
                case MemberAccessExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Key", Expression: IdentifierNameSyntax id } } part
                    when id.Identifier.ValueText == p && _context.Model.GetSymbolInfo(part).Symbol is IFieldSymbol { ContainingType.IsTupleType: true } field:
                    // Named elements (e.Key.Pid) and ItemN both correspond to the default field ItemN.
                    var position = (field.CorrespondingTupleField ?? field).Name;
                    return position.StartsWith("Item", StringComparison.Ordinal) && int.TryParse(position.Substring(4), out var column)
                        ? new ForeachSort(column, descending, null)
                        : null;
                case InvocationExpressionSyntax
                {
                    ArgumentList.Arguments.Count: 0,
                    Expression: MemberAccessExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Value", Expression: IdentifierNameSyntax id } } aggregate,
                } when id.Identifier.ValueText == p && stats && StatsBinder.Aggregates.TryGetValue(aggregate.Name.Identifier.ValueText, out var function):
                    return new ForeachSort(0, descending, function);
                default:
                    return null;
            }
        }
    }

    private static ExpressionSyntax Strip(ExpressionSyntax syntax) =>
        syntax is ParenthesizedExpressionSyntax p ? Strip(p.Expression) : syntax;

    private static string Truncate(string text) => text.Length <= 40 ? text : text.Substring(0, 37) + "...";
}
