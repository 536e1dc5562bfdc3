using StapSharp.Compiler.IR;

namespace StapSharp.Compiler.Printing;

/// <summary>Statistics, histograms, key patterns and the full foreach header.</summary>
public sealed partial class ScriptPrinter
{
    private static string AggregateExpr(Expression expression) => expression switch
    {
        StatsAdd add => $"{Expr(add.Target)} <<< {Bare(add.Value)}",
        AggregateRead read => read.BitShift is { } shift
            ? $"@{PrintChecks.Aggregate(read.Aggregate)}({Expr(read.Target)}, {StapLiteral.Long(shift)})"
            : $"@{PrintChecks.Aggregate(read.Aggregate)}({Expr(read.Target)})",
        HistogramRef histogram => $"@{PrintChecks.Histogram(histogram.Kind)}({string.Join(", ", histogram.Parameters.Select(StapLiteral.Long).Prepend(Expr(histogram.Target)))})",
        HistogramBucket bucket => $"{Expr(bucket.Histogram)}[{Bare(bucket.Bucket)}]",
        Wildcard => "*",
        _ => throw new InvalidOperationException($"no printer for {expression.GetType().Name}"),
    };

    /// <summary><c>foreach (v = [k1, k2+] in a[slice] @agg- limit n)</c>: at most one sort mark, on a key or the array.</summary>
    private static string ForeachHeader(Foreach loop)
    {
        var sort = loop.Shape?.Sort;
        var keyNames = loop.KeyVariables.Select(PrintChecks.Variable).Select((k, i) => sort is { Column: > 0 } s && s.Column == i + 1 ? k + Mark(s) : k).ToList();
        var keys = keyNames.Count == 1 ? keyNames[0] : "[" + string.Join(", ", keyNames) + "]";
        var value = loop.ValueVariable is null ? string.Empty : PrintChecks.Variable(loop.ValueVariable) + " = ";
        var array = PrintChecks.Variable(loop.Array);
        if (loop.Shape?.Slice is { } slice)
        {
            array += "[" + string.Join(", ", slice.Select(Bare)) + "]";
        }

        if (sort is { Column: 0 })
        {
            array += sort.Aggregate is { } aggregate ? $" @{PrintChecks.Aggregate(aggregate)}{Mark(sort)}" : Mark(sort);
        }

        var limit = loop.Shape?.Limit is { } n ? $" limit {Operand(n)}" : string.Empty;
        return $"foreach ({value}{keys} in {array}{limit})";
    }

    private static string Mark(ForeachSort sort) => sort.Descending ? "-" : "+";
}
