using StapSharp.Compiler.IR;

namespace StapSharp.Compiler.Printing;

/// <summary>Statistics, histograms, key patterns and the full foreach header.</summary>
public sealed partial class ScriptPrinter
{
    private sealed partial class ExpressionText
    {
        public string Visit(StatsAdd add) => $"{Expr(add.Target)} <<< {Bare(add.Value)}";

        public string Visit(AggregateRead read) => read.BitShift is { } shift
            ? $"{read.Aggregate.Spelling()}({Expr(read.Target)}, {StapLiteral.Long(shift)})"
            : $"{read.Aggregate.Spelling()}({Expr(read.Target)})";

        public string Visit(HistogramRef histogram) =>
            $"{histogram.Kind.Spelling()}({string.Join(", ", histogram.Parameters.Select(StapLiteral.Long).Prepend(Expr(histogram.Target)))})";

        public string Visit(HistogramBucket bucket) => $"{Expr(bucket.Histogram)}[{Bare(bucket.Bucket)}]";

        public string Visit(Wildcard wildcard) => "*";
    }

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
            array += sort.Aggregate is { } aggregate ? $" {aggregate.Spelling()}{Mark(sort)}" : Mark(sort);
        }

        var limit = loop.Shape?.Limit is { } n ? $" limit {Operand(n)}" : string.Empty;
        return $"foreach ({value}{keys} in {array}{limit})";
    }

    private static string Mark(ForeachSort sort) => sort.Descending ? "-" : "+";
}
