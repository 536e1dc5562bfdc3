namespace StapSharp.Compiler.IR;

/// <summary>
/// The shape of the IR for passes that look at all of it: a node's direct children (statements and
/// expressions), and every node under a root, found with an explicit stack so no depth of nesting
/// (an else-if chain of thousands of links is nested in the IR) can overflow the walk.
/// </summary>
internal static class IrTree
{
    /// <summary>The statements and expressions directly inside <paramref name="node"/> (a <see cref="Statement"/> or an <see cref="Expression"/>).</summary>
    public static IEnumerable<object> Children(object node)
    {
        switch (node)
        {
            case Block block:
                return block.Statements;
            case ExpressionStatement statement:
                return [statement.Expression];
            case If @if:
                return Present(@if.Condition, @if.Then, @if.Else);
            case While loop:
                return [loop.Condition, loop.Body];
            case For loop:
                return Present(loop.Initializer, loop.Condition, loop.Increment, loop.Body);
            case Foreach loop:
                return [.. loop.Shape?.Slice ?? [], .. Present(loop.Shape?.Limit, loop.Body)];
            case Return @return:
                return Present(@return.Value);
            case Delete delete:
                return [delete.Target];
            case ConditionalCompilation conditional:
                return Present(conditional.Then, conditional.Else);
            case TryCatch tryCatch:
                return [tryCatch.Body, tryCatch.Handler];
            case ArrayElement element:
                return element.Keys;
            case Membership membership:
                return membership.Keys;
            case Call call:
                return call.Arguments;
            case FormatCall call:
                return call.Arguments;
            case Binary binary:
                return [binary.Left, binary.Right];
            case Unary unary:
                return [unary.Operand];
            case Crement crement:
                return [crement.Target];
            case Assignment assignment:
                return [assignment.Target, assignment.Value];
            case Conditional conditional:
                return [conditional.Condition, conditional.WhenTrue, conditional.WhenFalse];
            case ConditionalCompilationExpression conditional:
                return [conditional.Then, conditional.Else];
            case StatsAdd add:
                return [add.Target, add.Value];
            case AggregateRead read:
                return [read.Target];
            case HistogramRef histogram:
                return [histogram.Target];
            case HistogramBucket bucket:
                return [bucket.Histogram, bucket.Bucket];
            case CastRead cast:
                return [cast.Pointer];
            case AtOperator at:
                return [at.Operand];
            case Statement or Expression:
                // Leaves: break, continue, next, literals, variables, target reads, wildcards, whole arrays.
                return [];
            default:
                throw new ArgumentException($"not an IR statement or expression: {node.GetType().Name}", nameof(node));
        }
    }

    /// <summary><paramref name="root"/> and every statement and expression under it, parents before their children.</summary>
    public static IEnumerable<object> DescendantsAndSelf(object root)
    {
        var pending = new Stack<object>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            yield return node;
            foreach (var child in Children(node))
            {
                pending.Push(child);
            }
        }
    }

    /// <summary>Every statement and expression of the script: functions, aliases and probes.</summary>
    public static IEnumerable<object> All(Script script) =>
        script.Functions.Select(f => f.Body)
            .Concat(script.Aliases.Select(a => a.Body))
            .Concat(script.Probes.Select(p => p.Body))
            .SelectMany(body => DescendantsAndSelf(body));

    private static IEnumerable<object> Present(params object?[] nodes) => nodes.OfType<object>();
}
