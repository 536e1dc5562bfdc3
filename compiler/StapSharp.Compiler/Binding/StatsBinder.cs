using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StapSharp.Compiler.Analysis;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.IR;

namespace StapSharp.Compiler.Binding;

/// <summary>
/// Methods of <c>StapSharp.Stats</c>: <c>s.Add(v)</c> → <c>s &lt;&lt;&lt; v</c>, <c>s.Count()</c> → <c>@count(s)</c>,
/// ..., <c>s.HistLog()</c> → <c>@hist_log(s)</c>, on a stats global or a stats-map element.
/// </summary>
internal sealed class StatsBinder
{
    /// <summary>Extractors that stop the script with "empty aggregate" when the statistic has no values.</summary>
    private static readonly HashSet<string> FailWhenEmpty = ["Min", "Max", "Avg", "Variance", "HistLog", "HistLinear"];

    /// <summary>The methods that read one aggregate of a statistic, and the aggregate each reads.</summary>
    public static readonly IReadOnlyDictionary<string, AggregateFunction> Aggregates = new Dictionary<string, AggregateFunction>(StringComparer.Ordinal)
    {
        ["Count"] = AggregateFunction.Count,
        ["Sum"] = AggregateFunction.Sum,
        ["Min"] = AggregateFunction.Min,
        ["Max"] = AggregateFunction.Max,
        ["Avg"] = AggregateFunction.Avg,
        ["Variance"] = AggregateFunction.Variance,
    };

    private readonly BodyContext _context;
    private readonly ExpressionBinder _expressions;

    public StatsBinder(BodyContext context, ExpressionBinder expressions)
    {
        _context = context;
        _expressions = expressions;
    }

    private StapDiagnosticBag Diagnostics => _context.Diagnostics;

    public Expression BindCall(InvocationExpressionSyntax invocation, IMethodSymbol method)
    {
        var span = ExpressionBinder.SpanOf(invocation);
        var receiverSyntax = (invocation.Expression as MemberAccessExpressionSyntax)?.Expression;
        var target = receiverSyntax is null ? null : Target(receiverSyntax);
        if (target is null)
        {
            return _expressions.Unsupported(invocation, $"'{invocation.Expression}'",
                "call statistics methods on a static Stats field or a map element: latency.Add(v), bySyscall[name].Count()");
        }

        if (FailWhenEmpty.Contains(method.Name) && !StatsGuards.IsNonEmpty(invocation, receiverSyntax!, _context.Model, _context.StatsElements.ContainsKey))
        {
            Diagnostics.Report(DiagnosticCatalog.PossiblyEmptyAggregate, invocation, $"{method.Name}()", receiverSyntax!.ToString());
        }

        var arguments = invocation.ArgumentList.Arguments;
        switch (method.Name)
        {
            case "Add":
                return new StatsAdd(span, target, _expressions.Bind(arguments[0].Expression, StapType.Long));
            case "Clear":
                return _expressions.Unsupported(invocation, "The result of Clear", "call it as a statement on its own");
            case "Count" or "Sum" or "Min" or "Max" or "Avg":
                return new AggregateRead(span, Aggregates[method.Name], target, null);
            case "Variance":
                var shift = arguments.Count == 0 ? null : Constant(arguments[0].Expression, "Variance's bit shift", 0, 62);
                if (shift is { } explicitShift)
                {
                    // stap accepts @variance(s) beside @variance(s, 3), but not two different explicit shifts.
                    Record(target, _context.Script.StatsUsage.UseVarianceShift(StatsName(target), explicitShift, span), invocation);
                }

                return new AggregateRead(span, AggregateFunction.Variance, target, shift);
            case "HistLog":
                CheckHistogramPlace(invocation);
                Record(target, _context.Script.StatsUsage.UseHistogram(StatsName(target), "HistLog", span), invocation);
                return new HistogramRef(span, HistogramKind.Log, target, []);
            case "HistLinear":
                CheckHistogramPlace(invocation);
                var parameters = LinearParameters(invocation);
                Record(target, _context.Script.StatsUsage.UseHistogram(StatsName(target), $"HistLinear({string.Join(", ", parameters)})", span), invocation);
                return new HistogramRef(span, HistogramKind.Linear, target, parameters);
            default:
                return _expressions.Unsupported(invocation, $"Stats.{method.Name}", "statistics have Add, Clear, Count, Sum, Min, Max, Avg, Variance, HistLog and HistLinear");
        }
    }

    /// <summary><c>s.Clear()</c> → <c>delete s</c>.</summary>
    public Statement BindClear(InvocationExpressionSyntax invocation)
    {
        var span = ExpressionBinder.SpanOf(invocation);
        var receiverSyntax = (invocation.Expression as MemberAccessExpressionSyntax)?.Expression;
        if (receiverSyntax is not null && Target(receiverSyntax) is { } target)
        {
            return new Delete(span, target);
        }

        return new ExpressionStatement(span, BindCall(invocation, (IMethodSymbol)_context.Model.GetSymbolInfo(invocation).Symbol!));
    }

    /// <summary><c>s.HistLog()[bucket]</c> → <c>@hist_log(s)[bucket]</c>.</summary>
    public Expression BindBucket(ElementAccessExpressionSyntax element)
    {
        var histogram = _expressions.Bind(element.Expression);
        var bucket = _expressions.Bind(element.ArgumentList.Arguments[0].Expression, StapType.Long);
        return histogram is HistogramRef h
            ? new HistogramBucket(ExpressionBinder.SpanOf(element), h, bucket)
            : ExpressionBinder.Error(element);
    }

    /// <summary>The statistic a receiver names: a stats global, a stats-map element, or a foreach element's statistic.</summary>
    public Expression? Target(ExpressionSyntax receiver)
    {
        var span = ExpressionBinder.SpanOf(receiver);
        switch (receiver)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return Target(parenthesized.Expression);
            case ElementAccessExpressionSyntax element when _expressions.MapOf(element.Expression) is { Shape.ValueType: StapType.Stats } map:
                if (element.ArgumentList.Arguments.Count != 1)
                {
                    return null;
                }

                return new ArrayElement(span, StapType.Stats, map.Name, _expressions.BindKeys(element.ArgumentList.Arguments[0].Expression, map.Shape));
            case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Value" } value
                when _context.Model.GetSymbolInfo(value.Expression).Symbol is ILocalSymbol entry && _context.StatsElements.TryGetValue(entry, out var element):
                return element with { Span = span };
        }

        switch (_context.Model.GetSymbolInfo(receiver).Symbol)
        {
            case IFieldSymbol field when _context.Script.Globals.TryGetValue(field, out var global) && global.ScalarType == StapType.Stats && global.Array is null:
                return new VariableRef(span, StapType.Stats, global.Name);
            case ILocalSymbol local when _context.StatsElements.TryGetValue(local, out var element):
                return element with { Span = span };
            default:
                return null;
        }
    }

    private static string StatsName(Expression target) => target switch
    {
        VariableRef v => v.Name,
        ArrayElement a => a.Array,
        _ => string.Empty,
    };

    private void Record(Expression target, string? conflict, SyntaxNode place)
    {
        if (conflict is not null)
        {
            Diagnostics.Report(DiagnosticCatalog.ConflictingStatsUse, place, StatsName(target), conflict);
        }
    }

    /// <summary>A histogram may only be printed, turned into text, or indexed.</summary>
    private void CheckHistogramPlace(InvocationExpressionSyntax invocation)
    {
        var parent = invocation.Parent;
        while (parent is ParenthesizedExpressionSyntax)
        {
            parent = parent.Parent;
        }

        var printed = parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax outer } } &&
            _context.Model.GetSymbolInfo(outer).Symbol is IMethodSymbol printer &&
            SymbolEqualityComparer.Default.Equals(printer.ContainingType, _context.Known.Stap) &&
            printer.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(printer.Parameters[0].Type, _context.Known.Histogram);
        var indexed = parent is ElementAccessExpressionSyntax;
        if (!printed && !indexed)
        {
            Diagnostics.Report(DiagnosticCatalog.HistogramNotAValue, invocation);
        }
    }

    private IReadOnlyList<long> LinearParameters(InvocationExpressionSyntax invocation)
    {
        // By parameter, so HistLinear(width: 10, low: 0, high: 100) keeps its meaning.
        var arguments = CallArguments.Of(invocation, _context.Model)!;
        var low = Constant(arguments.Written(arguments.Ordinal("low"))!, "HistLinear's low", long.MinValue, long.MaxValue);
        var high = Constant(arguments.Written(arguments.Ordinal("high"))!, "HistLinear's high", long.MinValue, long.MaxValue);
        var width = Constant(arguments.Written(arguments.Ordinal("width"))!, "HistLinear's width", 1, long.MaxValue);
        if (low is { } l && high is { } h && h <= l)
        {
            Diagnostics.Report(DiagnosticCatalog.BadAggregateArgument, invocation.ArgumentList,
                $"HistLinear's high ({h}) must be above its low ({l}): stap rejects an empty range");
        }

        return [low ?? 0, high ?? 1, width ?? 1];
    }

    /// <summary>A histogram bound or variance shift: stap compiles it in, so it must be a constant in range.</summary>
    private long? Constant(ExpressionSyntax syntax, string what, long min, long max)
    {
        var constant = _context.Model.GetConstantValue(syntax);
        if (constant is { HasValue: true, Value: long or int or short or sbyte or byte or ushort or uint } &&
            Convert.ToInt64(constant.Value, System.Globalization.CultureInfo.InvariantCulture) is var value && value >= min && value <= max)
        {
            return value;
        }

        var range = min == long.MinValue ? string.Empty : max == long.MaxValue ? $" of at least {min}" : $" in {min}..{max}";
        Diagnostics.Report(DiagnosticCatalog.BadAggregateArgument, syntax,
            $"{what} must be a constant{range} (stap compiles it into the script), e.g. a literal or a const long");
        return null;
    }
}

/// <summary>Per statistic, the one histogram (kind and linear bounds) and the one explicit variance shift stap allows.</summary>
internal sealed class StatsUsage
{
    private readonly Dictionary<string, (string Kind, SourceSpan Span)> _histograms = [];
    private readonly Dictionary<string, (long Shift, SourceSpan Span)> _shifts = [];

    /// <summary>Records a histogram use; the conflict to report, if the statistic already has another kind or linear shape.</summary>
    public string? UseHistogram(string stats, string kind, SourceSpan span)
    {
        if (_histograms.TryGetValue(stats, out var first) && first.Kind != kind)
        {
            return $"already has the histogram {first.Kind} (line {first.Span.Line}): stap allows one histogram kind and shape per statistic; add the values to a second Stats as well";
        }

        _histograms.TryAdd(stats, (kind, span));
        return null;
    }

    /// <summary>Records a variance shift; the conflict to report, if the statistic already uses another one.</summary>
    public string? UseVarianceShift(string stats, long shift, SourceSpan span)
    {
        if (_shifts.TryGetValue(stats, out var first) && first.Shift != shift)
        {
            return $"already uses Variance with bit shift {first.Shift} (line {first.Span.Line}): stap allows one shift per statistic; use the same one";
        }

        _shifts.TryAdd(stats, (shift, span));
        return null;
    }
}
