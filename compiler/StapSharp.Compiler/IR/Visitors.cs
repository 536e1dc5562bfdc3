namespace StapSharp.Compiler.IR;

/// <summary>
/// One method per statement node. Each node's <see cref="Statement.Accept{TResult}"/> calls its own, so a
/// pass written as a visitor (the printer, <see cref="IrTree"/>) handles every node or does not compile.
/// </summary>
public interface IStatementVisitor<out TResult>
{
    TResult Visit(Block block);

    TResult Visit(ExpressionStatement statement);

    TResult Visit(If @if);

    TResult Visit(While loop);

    TResult Visit(For loop);

    TResult Visit(Foreach loop);

    TResult Visit(Break @break);

    TResult Visit(Continue @continue);

    TResult Visit(Return @return);

    TResult Visit(Next next);

    TResult Visit(Delete delete);

    TResult Visit(ConditionalCompilation conditional);

    TResult Visit(TryCatch tryCatch);
}

/// <summary>One method per expression node; see <see cref="IStatementVisitor{TResult}"/>.</summary>
public interface IExpressionVisitor<out TResult>
{
    TResult Visit(Literal literal);

    TResult Visit(VariableRef variable);

    TResult Visit(MacroParameter parameter);

    TResult Visit(TargetVariable variable);

    TResult Visit(ArrayElement element);

    TResult Visit(WholeArray array);

    TResult Visit(Membership membership);

    TResult Visit(Call call);

    TResult Visit(FormatCall call);

    TResult Visit(Binary binary);

    TResult Visit(Unary unary);

    TResult Visit(Crement crement);

    TResult Visit(Assignment assignment);

    TResult Visit(Conditional conditional);

    TResult Visit(StatsAdd add);

    TResult Visit(AggregateRead read);

    TResult Visit(HistogramRef histogram);

    TResult Visit(HistogramBucket bucket);

    TResult Visit(Wildcard wildcard);

    TResult Visit(TargetRead read);

    TResult Visit(TargetSummary summary);

    TResult Visit(TapsetGlobalRead read);

    TResult Visit(ScriptArgumentExpression argument);

    TResult Visit(CastRead cast);

    TResult Visit(AtOperator at);

    TResult Visit(LibraryMacro macro);

    TResult Visit(ConditionalCompilationExpression conditional);
}
