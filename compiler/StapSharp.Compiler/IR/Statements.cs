using StapSharp.Compiler.Diagnostics;

namespace StapSharp.Compiler.IR;

public abstract record Statement(SourceSpan Span)
{
    /// <summary>Calls the visitor's method for this node's type.</summary>
    public abstract TResult Accept<TResult>(IStatementVisitor<TResult> visitor);
}

public sealed record Block(SourceSpan Span, IReadOnlyList<Statement> Statements) : Statement(Span)
{
    public override TResult Accept<TResult>(IStatementVisitor<TResult> visitor) => visitor.Visit(this);
}

public sealed record ExpressionStatement(SourceSpan Span, Expression Expression) : Statement(Span)
{
    public override TResult Accept<TResult>(IStatementVisitor<TResult> visitor) => visitor.Visit(this);
}

public sealed record If(SourceSpan Span, Expression Condition, Statement Then, Statement? Else) : Statement(Span)
{
    public override TResult Accept<TResult>(IStatementVisitor<TResult> visitor) => visitor.Visit(this);
}

public sealed record While(SourceSpan Span, Expression Condition, Statement Body) : Statement(Span)
{
    public override TResult Accept<TResult>(IStatementVisitor<TResult> visitor) => visitor.Visit(this);
}

public sealed record For(SourceSpan Span, Expression? Initializer, Expression? Condition, Expression? Increment, Statement Body) : Statement(Span)
{
    public override TResult Accept<TResult>(IStatementVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary>
/// <c>foreach ([k1, k2] in array) body</c>, optionally binding the value: <c>foreach (v = [k] in a)</c>;
/// <paramref name="Shape"/> adds a slice, a sort and a limit.
/// </summary>
public sealed record Foreach(SourceSpan Span, IReadOnlyList<string> KeyVariables, string? ValueVariable, string Array, Statement Body, ForeachShape? Shape = null) : Statement(Span)
{
    public override TResult Accept<TResult>(IStatementVisitor<TResult> visitor) => visitor.Visit(this);
}

public sealed record Break(SourceSpan Span) : Statement(Span)
{
    public override TResult Accept<TResult>(IStatementVisitor<TResult> visitor) => visitor.Visit(this);
}

public sealed record Continue(SourceSpan Span) : Statement(Span)
{
    public override TResult Accept<TResult>(IStatementVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary><c>return [value]</c> in a function.</summary>
public sealed record Return(SourceSpan Span, Expression? Value) : Statement(Span)
{
    public override TResult Accept<TResult>(IStatementVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary><c>next</c>: leaves a probe handler (C# <c>return</c> in a probe method).</summary>
public sealed record Next(SourceSpan Span) : Statement(Span)
{
    public override TResult Accept<TResult>(IStatementVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary><c>delete target</c>: an element, a whole array, or a scalar.</summary>
public sealed record Delete(SourceSpan Span, Expression Target) : Statement(Span)
{
    public override TResult Accept<TResult>(IStatementVisitor<TResult> visitor) => visitor.Visit(this);
}
