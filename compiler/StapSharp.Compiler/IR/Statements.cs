using StapSharp.Compiler.Diagnostics;

namespace StapSharp.Compiler.IR;

public abstract record Statement(SourceSpan Span);

public sealed record Block(SourceSpan Span, IReadOnlyList<Statement> Statements) : Statement(Span);

public sealed record ExpressionStatement(SourceSpan Span, Expression Expression) : Statement(Span);

public sealed record If(SourceSpan Span, Expression Condition, Statement Then, Statement? Else) : Statement(Span);

public sealed record While(SourceSpan Span, Expression Condition, Statement Body) : Statement(Span);

public sealed record For(SourceSpan Span, Expression? Initializer, Expression? Condition, Expression? Increment, Statement Body) : Statement(Span);

/// <summary>
/// <c>foreach ([k1, k2] in array) body</c>, optionally binding the value: <c>foreach (v = [k] in a)</c>;
/// <paramref name="Shape"/> adds a slice, a sort and a limit.
/// </summary>
public sealed record Foreach(SourceSpan Span, IReadOnlyList<string> KeyVariables, string? ValueVariable, string Array, Statement Body, ForeachShape? Shape = null) : Statement(Span);

public sealed record Break(SourceSpan Span) : Statement(Span);

public sealed record Continue(SourceSpan Span) : Statement(Span);

/// <summary><c>return [value]</c> in a function.</summary>
public sealed record Return(SourceSpan Span, Expression? Value) : Statement(Span);

/// <summary><c>next</c>: leaves a probe handler (C# <c>return</c> in a probe method).</summary>
public sealed record Next(SourceSpan Span) : Statement(Span);

/// <summary><c>delete target</c>: an element, a whole array, or a scalar.</summary>
public sealed record Delete(SourceSpan Span, Expression Target) : Statement(Span);
