using StapSharp.Compiler.IR;

namespace StapSharp.Compiler.Bound;

/// <summary>
/// Rebuilds a bound tree bottom-up: each IR node with its children rewritten (the same node when none
/// changed), each bound construct with its children rewritten and then handed to the subclass's
/// <c>Lower</c>, which must handle every one. An else-if chain is
/// walked link by link, not by recursion: a chain of thousands of links is ordinary C#, and nests in
/// the tree; any other nesting is bounded before binding (Limits/).
/// </summary>
public abstract class BoundTreeRewriter : IBoundStatementVisitor<Statement>, IBoundExpressionVisitor<Expression>
{
    public Statement Rewrite(Statement statement) => statement.Accept(this);

    public Expression Rewrite(Expression expression) => expression.Accept(this);

    public Statement Visit(BoundEmit emit) => Lower(emit with { Arguments = RewriteAll(emit.Arguments, RewriteArgument) });

    public Statement Visit(BoundBuildConditional conditional) => RewriteChain(conditional);

    public Expression Visit(BoundInterpolation interpolation) => Lower(RewriteParts(interpolation));

    public Expression Visit(BoundPrint print) => Lower(print with { Text = RewriteParts(print.Text) });

    public Expression Visit(BoundBuildConditionalExpression conditional) =>
        Lower(conditional with { Then = Rewrite(conditional.Then), Else = Rewrite(conditional.Else) });

    /// <summary>The stap form of an <c>Emit</c> whose arguments are lowered.</summary>
    protected abstract Statement Lower(BoundEmit emit);

    /// <summary>The stap form of a build-time if whose branches are lowered.</summary>
    protected abstract Statement Lower(BoundBuildConditional conditional);

    /// <summary>The stap form of an interpolated string whose holes are lowered.</summary>
    protected abstract Expression Lower(BoundInterpolation interpolation);

    /// <summary>The stap form of a print whose holes are lowered.</summary>
    protected abstract Expression Lower(BoundPrint print);

    /// <summary>The stap form of a build-time <c>?:</c> whose branches are lowered.</summary>
    protected abstract Expression Lower(BoundBuildConditionalExpression conditional);

    /// <summary>
    /// The block with its statements rewritten. A bound statement lowered to a block (an <c>Emit</c> is
    /// several stap statements) joins this block rather than nesting in it.
    /// </summary>
    public Block RewriteBlock(Block block)
    {
        List<Statement>? changed = null;
        for (var i = 0; i < block.Statements.Count; i++)
        {
            var original = block.Statements[i];
            var statement = Rewrite(original);
            if (changed is null && !ReferenceEquals(statement, original))
            {
                changed = new List<Statement>(block.Statements.Count);
                changed.AddRange(block.Statements.Take(i));
            }

            if (original is BoundStatement && statement is Block joined)
            {
                changed!.AddRange(joined.Statements);
            }
            else
            {
                changed?.Add(statement);
            }
        }

        return changed is null ? block : block with { Statements = changed };
    }

    public Statement Visit(Block block) => RewriteBlock(block);

    public Statement Visit(ExpressionStatement statement)
    {
        var expression = Rewrite(statement.Expression);
        return Same(statement.Expression, expression) ? statement : statement with { Expression = expression };
    }

    public Statement Visit(If @if) => RewriteChain(@if);

    public Statement Visit(ConditionalCompilation conditional) => RewriteChain(conditional);

    public Statement Visit(While loop)
    {
        var (condition, body) = (Rewrite(loop.Condition), Rewrite(loop.Body));
        return Same(loop.Condition, condition) && Same(loop.Body, body) ? loop : loop with { Condition = condition, Body = body };
    }

    public Statement Visit(For loop)
    {
        var (initializer, condition, increment, body) = (RewriteOptional(loop.Initializer), RewriteOptional(loop.Condition), RewriteOptional(loop.Increment), Rewrite(loop.Body));
        return Same(loop.Initializer, initializer) && Same(loop.Condition, condition) && Same(loop.Increment, increment) && Same(loop.Body, body)
            ? loop
            : loop with { Initializer = initializer, Condition = condition, Increment = increment, Body = body };
    }

    public Statement Visit(Foreach loop)
    {
        var body = Rewrite(loop.Body);
        var shape = loop.Shape;
        if (shape is not null)
        {
            var slice = shape.Slice is null ? null : RewriteAll(shape.Slice, Rewrite);
            var limit = RewriteOptional(shape.Limit);
            shape = Same(shape.Slice, slice) && Same(shape.Limit, limit) ? shape : shape with { Slice = slice, Limit = limit };
        }

        return Same(loop.Body, body) && Same(loop.Shape, shape) ? loop : loop with { Body = body, Shape = shape };
    }

    public Statement Visit(Break @break) => @break;

    public Statement Visit(Continue @continue) => @continue;

    public Statement Visit(Return @return)
    {
        var value = RewriteOptional(@return.Value);
        return Same(@return.Value, value) ? @return : @return with { Value = value };
    }

    public Statement Visit(Next next) => next;

    public Statement Visit(Delete delete)
    {
        var target = Rewrite(delete.Target);
        return Same(delete.Target, target) ? delete : delete with { Target = target };
    }

    public Statement Visit(TryCatch tryCatch)
    {
        var (body, handler) = (RewriteBlock(tryCatch.Body), RewriteBlock(tryCatch.Handler));
        return Same(tryCatch.Body, body) && Same(tryCatch.Handler, handler) ? tryCatch : tryCatch with { Body = body, Handler = handler };
    }

    public Expression Visit(Literal literal) => literal;

    public Expression Visit(VariableRef variable) => variable;

    public Expression Visit(MacroParameter parameter) => parameter;

    public Expression Visit(TargetVariable variable) => variable;

    public Expression Visit(TapsetGlobalRead read)
    {
        var keys = RewriteAll(read.Keys, Rewrite);
        return Same(read.Keys, keys) ? read : read with { Keys = keys };
    }

    public Expression Visit(ScriptArgumentExpression argument) => argument;

    public Expression Visit(ArrayElement element)
    {
        var keys = RewriteAll(element.Keys, Rewrite);
        return Same(element.Keys, keys) ? element : element with { Keys = keys };
    }

    public Expression Visit(WholeArray array) => array;

    public Expression Visit(Membership membership)
    {
        var keys = RewriteAll(membership.Keys, Rewrite);
        return Same(membership.Keys, keys) ? membership : membership with { Keys = keys };
    }

    public Expression Visit(Call call)
    {
        var arguments = RewriteAll(call.Arguments, Rewrite);
        return Same(call.Arguments, arguments) ? call : call with { Arguments = arguments };
    }

    public Expression Visit(FormatCall call)
    {
        var arguments = RewriteAll(call.Arguments, Rewrite);
        return Same(call.Arguments, arguments) ? call : call with { Arguments = arguments };
    }

    public Expression Visit(Binary binary)
    {
        var (left, right) = (Rewrite(binary.Left), Rewrite(binary.Right));
        return Same(binary.Left, left) && Same(binary.Right, right) ? binary : binary with { Left = left, Right = right };
    }

    public Expression Visit(Unary unary)
    {
        var operand = Rewrite(unary.Operand);
        return Same(unary.Operand, operand) ? unary : unary with { Operand = operand };
    }

    public Expression Visit(Crement crement)
    {
        var target = Rewrite(crement.Target);
        return Same(crement.Target, target) ? crement : crement with { Target = target };
    }

    public Expression Visit(Assignment assignment)
    {
        var (target, value) = (Rewrite(assignment.Target), Rewrite(assignment.Value));
        return Same(assignment.Target, target) && Same(assignment.Value, value) ? assignment : assignment with { Target = target, Value = value };
    }

    public Expression Visit(Conditional conditional)
    {
        var (condition, whenTrue, whenFalse) = (Rewrite(conditional.Condition), Rewrite(conditional.WhenTrue), Rewrite(conditional.WhenFalse));
        return Same(conditional.Condition, condition) && Same(conditional.WhenTrue, whenTrue) && Same(conditional.WhenFalse, whenFalse)
            ? conditional
            : conditional with { Condition = condition, WhenTrue = whenTrue, WhenFalse = whenFalse };
    }

    public Expression Visit(StatsAdd add)
    {
        var (target, value) = (Rewrite(add.Target), Rewrite(add.Value));
        return Same(add.Target, target) && Same(add.Value, value) ? add : add with { Target = target, Value = value };
    }

    public Expression Visit(AggregateRead read)
    {
        var target = Rewrite(read.Target);
        return Same(read.Target, target) ? read : read with { Target = target };
    }

    public Expression Visit(HistogramRef histogram) => RewriteHistogram(histogram);

    public Expression Visit(HistogramBucket bucket)
    {
        var (histogram, index) = (RewriteHistogram(bucket.Histogram), Rewrite(bucket.Bucket));
        return Same(bucket.Histogram, histogram) && Same(bucket.Bucket, index) ? bucket : bucket with { Histogram = histogram, Bucket = index };
    }

    public Expression Visit(Wildcard wildcard) => wildcard;

    public Expression Visit(TargetRead read) => read;

    public Expression Visit(TargetSummary summary) => summary;

    public Expression Visit(CastRead cast)
    {
        var pointer = Rewrite(cast.Pointer);
        return Same(cast.Pointer, pointer) ? cast : cast with { Pointer = pointer };
    }

    public Expression Visit(AtOperator at)
    {
        var operand = Rewrite(at.Operand);
        return Same(at.Operand, operand) ? at : at with { Operand = operand };
    }

    public Expression Visit(LibraryMacro macro)
    {
        var arguments = RewriteAll(macro.Arguments, Rewrite);
        return Same(macro.Arguments, arguments) ? macro : macro with { Arguments = arguments };
    }

    public Expression Visit(ConditionalCompilationExpression conditional)
    {
        var (then, @else) = (Rewrite(conditional.Then), Rewrite(conditional.Else));
        return Same(conditional.Then, then) && Same(conditional.Else, @else) ? conditional : conditional with { Then = then, Else = @else };
    }

    /// <summary>Each item rewritten; the same list when no item changed.</summary>
    protected static IReadOnlyList<T> RewriteAll<T>(IReadOnlyList<T> items, Func<T, T> rewrite)
        where T : class
    {
        List<T>? changed = null;
        for (var i = 0; i < items.Count; i++)
        {
            var item = rewrite(items[i]);
            if (changed is null && !ReferenceEquals(item, items[i]))
            {
                changed = new List<T>(items.Count);
                changed.AddRange(items.Take(i));
            }

            changed?.Add(item);
        }

        return changed ?? items;
    }

    protected Expression? RewriteOptional(Expression? expression) => expression is null ? null : Rewrite(expression);

    protected Statement? RewriteOptional(Statement? statement) => statement is null ? null : Rewrite(statement);

    private static bool Same(object? before, object? after) => ReferenceEquals(before, after);

    private BoundEventArgument RewriteArgument(BoundEventArgument argument)
    {
        var value = Rewrite(argument.Value);
        return Same(argument.Value, value) ? argument : argument with { Value = value };
    }

    private BoundInterpolation RewriteParts(BoundInterpolation interpolation)
    {
        var parts = RewriteAll(interpolation.Parts, part => part is InterpolationHole hole && Rewrite(hole.Value) is var value && !Same(hole.Value, value)
            ? hole with { Value = value }
            : part);
        return Same(interpolation.Parts, parts) ? interpolation : interpolation with { Parts = parts };
    }

    private HistogramRef RewriteHistogram(HistogramRef histogram)
    {
        var target = Rewrite(histogram.Target);
        return Same(histogram.Target, target) ? histogram : histogram with { Target = target };
    }

    /// <summary>
    /// An if or build-time if and its else-if links: the links are collected from the top, rewritten,
    /// and rebuilt from the bottom, so the depth of the chain costs no stack.
    /// </summary>
    private Statement RewriteChain(Statement first)
    {
        var links = new List<Statement>();
        Statement? tail = first;
        while (tail is If or ConditionalCompilation or BoundBuildConditional)
        {
            links.Add(tail);
            tail = tail switch
            {
                If @if => @if.Else,
                ConditionalCompilation conditional => conditional.Else,
                BoundBuildConditional bound => bound.Else,
                var other => throw new InvalidOperationException($"{other.GetType().Name} is not a link of an if chain"),
            };
        }

        var rebuilt = RewriteOptional(tail);
        for (var i = links.Count - 1; i >= 0; i--)
        {
            rebuilt = links[i] switch
            {
                If @if => RewriteLink(@if, rebuilt),
                ConditionalCompilation conditional => RewriteLink(conditional, rebuilt),
                BoundBuildConditional bound => Lower(bound with { Then = Rewrite(bound.Then), Else = rebuilt }),
                var other => throw new InvalidOperationException($"{other.GetType().Name} is not a link of an if chain"),
            };
        }

        return rebuilt!;
    }

    private If RewriteLink(If @if, Statement? @else)
    {
        var (condition, then) = (Rewrite(@if.Condition), Rewrite(@if.Then));
        return Same(@if.Condition, condition) && Same(@if.Then, then) && Same(@if.Else, @else) ? @if : @if with { Condition = condition, Then = then, Else = @else };
    }

    private ConditionalCompilation RewriteLink(ConditionalCompilation conditional, Statement? @else)
    {
        var then = Rewrite(conditional.Then);
        return Same(conditional.Then, then) && Same(conditional.Else, @else) ? conditional : conditional with { Then = then, Else = @else };
    }
}
