namespace StapSharp.Compiler.IR;

/// <summary>
/// The shape of the IR for passes that look at all of it: a node's direct children (statements and
/// expressions), and every node under a root, found with an explicit stack so no depth of nesting
/// (an else-if chain of thousands of links is nested in the IR) can overflow the walk.
/// </summary>
internal static class IrTree
{
    /// <summary>The statements and expressions directly inside <paramref name="node"/> (a <see cref="Statement"/> or an <see cref="Expression"/>).</summary>
    public static IEnumerable<object> Children(object node) => node switch
    {
        Statement statement => statement.Accept(ChildNodes.Instance),
        Expression expression => expression.Accept(ChildNodes.Instance),
        _ => throw new ArgumentException($"not an IR statement or expression: {node.GetType().Name}", nameof(node)),
    };

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

    private sealed class ChildNodes : IStatementVisitor<IEnumerable<object>>, IExpressionVisitor<IEnumerable<object>>
    {
        public static readonly ChildNodes Instance = new();

        public IEnumerable<object> Visit(Block block) => block.Statements;

        public IEnumerable<object> Visit(ExpressionStatement statement) => [statement.Expression];

        public IEnumerable<object> Visit(If @if) => Present(@if.Condition, @if.Then, @if.Else);

        public IEnumerable<object> Visit(While loop) => [loop.Condition, loop.Body];

        public IEnumerable<object> Visit(For loop) => Present(loop.Initializer, loop.Condition, loop.Increment, loop.Body);

        public IEnumerable<object> Visit(Foreach loop) => [.. loop.Shape?.Slice ?? [], .. Present(loop.Shape?.Limit, loop.Body)];

        public IEnumerable<object> Visit(Break @break) => [];

        public IEnumerable<object> Visit(Continue @continue) => [];

        public IEnumerable<object> Visit(Return @return) => Present(@return.Value);

        public IEnumerable<object> Visit(Next next) => [];

        public IEnumerable<object> Visit(Delete delete) => [delete.Target];

        public IEnumerable<object> Visit(ConditionalCompilation conditional) => Present(conditional.Then, conditional.Else);

        public IEnumerable<object> Visit(TryCatch tryCatch) => [tryCatch.Body, tryCatch.Handler];

        public IEnumerable<object> Visit(Literal literal) => [];

        public IEnumerable<object> Visit(VariableRef variable) => [];

        public IEnumerable<object> Visit(MacroParameter parameter) => [];

        public IEnumerable<object> Visit(TargetVariable variable) => [];

        public IEnumerable<object> Visit(TapsetGlobalRead read) => read.Keys;

        public IEnumerable<object> Visit(ScriptArgumentExpression argument) => [];

        public IEnumerable<object> Visit(ArrayElement element) => element.Keys;

        public IEnumerable<object> Visit(WholeArray array) => [];

        public IEnumerable<object> Visit(Membership membership) => membership.Keys;

        public IEnumerable<object> Visit(Call call) => call.Arguments;

        public IEnumerable<object> Visit(FormatCall call) => call.Arguments;

        public IEnumerable<object> Visit(Binary binary) => [binary.Left, binary.Right];

        public IEnumerable<object> Visit(Unary unary) => [unary.Operand];

        public IEnumerable<object> Visit(Crement crement) => [crement.Target];

        public IEnumerable<object> Visit(Assignment assignment) => [assignment.Target, assignment.Value];

        public IEnumerable<object> Visit(Conditional conditional) => [conditional.Condition, conditional.WhenTrue, conditional.WhenFalse];

        public IEnumerable<object> Visit(StatsAdd add) => [add.Target, add.Value];

        public IEnumerable<object> Visit(AggregateRead read) => [read.Target];

        public IEnumerable<object> Visit(HistogramRef histogram) => [histogram.Target];

        public IEnumerable<object> Visit(HistogramBucket bucket) => [bucket.Histogram, bucket.Bucket];

        public IEnumerable<object> Visit(Wildcard wildcard) => [];

        public IEnumerable<object> Visit(TargetRead read) => [];

        public IEnumerable<object> Visit(TargetSummary summary) => [];

        public IEnumerable<object> Visit(CastRead cast) => [cast.Pointer];

        public IEnumerable<object> Visit(AtOperator at) => [at.Operand];

        public IEnumerable<object> Visit(LibraryMacro macro) => macro.Arguments;

        public IEnumerable<object> Visit(ConditionalCompilationExpression conditional) => [conditional.Then, conditional.Else];
    }
}
