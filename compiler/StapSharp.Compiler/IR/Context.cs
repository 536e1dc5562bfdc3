using StapSharp.Compiler.Diagnostics;

namespace StapSharp.Compiler.IR;

/// <summary>How a target variable or member is read: its value, pretty-printed, or its address.</summary>
public enum TargetView
{
    /// <summary><c>$path</c></summary>
    Value,

    /// <summary><c>$path$</c></summary>
    Text,

    /// <summary><c>$path$$</c></summary>
    DeepText,

    /// <summary><c>&amp;$path</c></summary>
    Address,
}

/// <summary>
/// <c>$name-&gt;member[N]</c> in one of its views. <see cref="Path"/> is checked by the binder:
/// identifiers, <c>-&gt;</c> and <c>[digits]</c> only.
/// </summary>
public sealed record TargetRead(SourceSpan Span, StapType Type, string Path, TargetView View) : Expression(Span, Type)
{
    public override TResult Accept<TResult>(IExpressionVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary>
/// A global of the tapsets read by its own name: <c>argv_1</c>, or an element of one, <c>argv[2]</c>. <see cref="Name"/> comes
/// from the <c>[StapGlobal]</c> of a member of <c>Stap</c>; the printer checks it is a tapset global.
/// </summary>
public sealed record TapsetGlobalRead(SourceSpan Span, StapType Type, string Name, IReadOnlyList<Expression> Keys) : Expression(Span, Type)
{
    public override TResult Accept<TResult>(IExpressionVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary>
/// <c>$N</c> where an expression stands: stap pastes the script's N-th argument's tokens there, so
/// <c>stap script.stp '$dfd'</c> makes it the target variable <c>$dfd</c>.
/// </summary>
public sealed record ScriptArgumentExpression(SourceSpan Span, int Position) : Expression(Span, StapType.Long)
{
    public override TResult Accept<TResult>(IExpressionVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary><c>$$vars</c>, <c>$$parms</c>, <c>$$locals</c>, <c>$$return</c>.</summary>
public sealed record TargetSummary(SourceSpan Span, TargetSummaryKind Kind) : Expression(Span, StapType.String)
{
    public override TResult Accept<TResult>(IExpressionVisitor<TResult> visitor) => visitor.Visit(this);
}

public enum TargetSummaryKind
{
    Vars,
    Parms,
    Locals,
    Return,
}

/// <summary><c>@cast(pointer, "type"[, "module"])-&gt;path</c> in one of its views; <see cref="Path"/> starts with a member.</summary>
public sealed record CastRead(SourceSpan Span, StapType Type, Expression Pointer, string TypeName, string? Module, string Path, TargetView View)
    : Expression(Span, Type)
{
    public override TResult Accept<TResult>(IExpressionVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary><c>@entry(expr)</c> or <c>@defined(expr)</c>.</summary>
public sealed record AtOperator(SourceSpan Span, StapType Type, AtOperatorKind Kind, Expression Operand) : Expression(Span, Type)
{
    public override TResult Accept<TResult>(IExpressionVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary>
/// A macro of stap's own library, printed as its call (<c>@choose_defined(a, b)</c>,
/// <c>@type_member_defined("struct x", member)</c>): stap expands it. <see cref="Member"/> is pasted as a member path,
/// then <see cref="Functions"/> as function names, which the macro calls (<c>@prometheus_dump_array1_map(a, "n", "k", f, g)</c>).
/// </summary>
public sealed record LibraryMacro(
    SourceSpan Span, StapType Type, LibraryMacroKind Kind, IReadOnlyList<Expression> Arguments, string? Member = null, IReadOnlyList<string>? Functions = null)
    : Expression(Span, Type)
{
    public override TResult Accept<TResult>(IExpressionVisitor<TResult> visitor) => visitor.Visit(this);
}

public enum LibraryMacroKind
{
    ChooseDefined,
    TypeDefined,
    TypeMemberDefined,
    CastSizeof,
    CastModuleSizeof,
    PrometheusDumpArray1,
    PrometheusDumpArray2,
    PrometheusDumpArray3,
    PrometheusDumpArray1Map,
    PrometheusDumpArray2Map,
    PrometheusDumpArray3Map,
}

public enum AtOperatorKind
{
    Entry,
    Defined,
}

/// <summary><c>$N</c> (a long) or <c>@N</c> (a string): a script argument, compiled in when the module is built.</summary>
public sealed record ScriptArgumentRef(int Position, StapType Type);

/// <summary>
/// <c>%( condition %? then %: else %)</c> around statements: decided when the script is built.
/// </summary>
public sealed record ConditionalCompilation(SourceSpan Span, BuildCondition Condition, Statement Then, Statement? Else) : Statement(Span)
{
    public override TResult Accept<TResult>(IStatementVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary><c>%( condition %? a %: b %)</c> inside an expression.</summary>
public sealed record ConditionalCompilationExpression(SourceSpan Span, StapType Type, BuildCondition Condition, Expression Then, Expression Else)
    : Expression(Span, Type)
{
    public override TResult Accept<TResult>(IExpressionVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary>
/// A preprocessor condition in stap's only shape: a disjunction of conjunctions of comparisons
/// (<c>a &amp;&amp; b || c</c>; stap's <c>%(</c> has no parentheses and no negation).
/// </summary>
public sealed record BuildCondition(IReadOnlyList<IReadOnlyList<BuildComparison>> AnyOf);

/// <summary>
/// <c>kernel_v &gt;= "5.0"</c>, <c>CONFIG_SMP == "y"</c>, <c>arch != "arm64"</c>. <see cref="Subject"/> is a
/// fixed preprocessor word or a checked CONFIG_ name; <see cref="Value"/> is printed as a literal.
/// </summary>
public sealed record BuildComparison(string Subject, ComparisonOperator Operator, Literal Value);

/// <summary><c>try { body } catch [(variable)] { handler }</c>.</summary>
public sealed record TryCatch(SourceSpan Span, Block Body, string? MessageVariable, Block Handler) : Statement(Span)
{
    public override TResult Accept<TResult>(IStatementVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary>
/// <c>probe name = point, ... { prologue }</c> or <c>probe name += ... { epilogue }</c>.
/// </summary>
public sealed record ProbeAlias(string Name, IReadOnlyList<BoundProbePoint> Points, SourceSpan Span, Block Body, bool Epilogue);

/// <summary><c>function name:type (p:type) %{ code %}</c>: an embedded-C function (guru mode only).</summary>
public sealed record EmbeddedFunction(string Name, SourceSpan Span, StapType ReturnType, IReadOnlyList<Parameter> Parameters, string Code);
