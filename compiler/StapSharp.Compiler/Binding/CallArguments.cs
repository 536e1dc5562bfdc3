using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.IR;

namespace StapSharp.Compiler.Binding;

/// <summary>
/// The arguments of one call, matched to their parameters the way C# matches them: a named argument
/// to the parameter it names, the elements of an expanded <c>params</c> array to that parameter, an
/// omitted optional parameter to its default. Binders read arguments by parameter through this,
/// never by the position they are written at (<c>Sub(b: 10, a: 3)</c> is <c>Sub(3, 10)</c>).
/// </summary>
/// <remarks>
/// C# evaluates arguments in the order they are written, stap in parameter order. Where the two
/// orders differ and a side effect could move (a call, an assignment, <c>++</c> or <c>--</c> in one
/// argument, anything but a constant in the other), <see cref="ReportReordering"/> reports it:
/// spilling into temporaries would need statements before the call, which stap cannot place inside a
/// condition or the right of <c>&amp;&amp;</c> without changing when they run.
/// </remarks>
internal sealed class CallArguments
{
    private readonly IArgumentOperation?[] _byParameter;

    private CallArguments(IMethodSymbol method, IEnumerable<IArgumentOperation> arguments, SyntaxNode call)
    {
        Method = method;
        Call = call;
        _byParameter = new IArgumentOperation?[method.Parameters.Length];
        foreach (var argument in arguments)
        {
            if (argument.Parameter is { } parameter && parameter.Ordinal < _byParameter.Length)
            {
                _byParameter[parameter.Ordinal] = argument;
            }
        }
    }

    /// <summary>The method called (for an extension method, its unreduced form).</summary>
    public IMethodSymbol Method { get; }

    public SyntaxNode Call { get; }

    /// <summary>The arguments of a call, an object creation or an attribute; null when Roslyn has no operation for it (invalid code).</summary>
    public static CallArguments? Of(SyntaxNode call, SemanticModel model) => model.GetOperation(call) switch
    {
        IInvocationOperation invocation => new CallArguments(invocation.TargetMethod, invocation.Arguments, call),
        IObjectCreationOperation { Constructor: { } constructor } creation => new CallArguments(constructor, creation.Arguments, call),
        IAttributeOperation { Operation: IObjectCreationOperation { Constructor: { } constructor } creation } => new CallArguments(constructor, creation.Arguments, call),
        _ => null,
    };

    /// <summary>The argument matched to the parameter at <paramref name="ordinal"/>, as Roslyn bound it.</summary>
    public IArgumentOperation? For(int ordinal) => ordinal < _byParameter.Length ? _byParameter[ordinal] : null;

    /// <summary>The parameter named <paramref name="name"/>'s ordinal.</summary>
    public int Ordinal(string name) => Method.Parameters.First(p => p.Name == name).Ordinal;

    /// <summary>The expression written for a parameter; null when it was left out and its default applies.</summary>
    public ExpressionSyntax? Written(int ordinal) => For(ordinal) is { ArgumentKind: ArgumentKind.Explicit } argument ? ExpressionOf(argument.Syntax) : null;

    /// <summary>The values of a <c>params</c> parameter: each element of the expanded form, or the one array written in the normal form.</summary>
    public IReadOnlyList<ExpressionSyntax> Elements(int ordinal) => For(ordinal) switch
    {
        { ArgumentKind: ArgumentKind.ParamArray, Value: IArrayCreationOperation { Initializer: { } initializer } } =>
            initializer.ElementValues.Select(e => (ExpressionSyntax)e.Syntax).ToList(),
        { ArgumentKind: ArgumentKind.Explicit } argument when ExpressionOf(argument.Syntax) is { } array => [array],
        _ => [],
    };

    /// <summary>The expression of an argument (Roslyn gives the argument, the attribute argument, or the bare expression).</summary>
    private static ExpressionSyntax? ExpressionOf(SyntaxNode syntax) => syntax switch
    {
        ArgumentSyntax argument => argument.Expression,
        AttributeArgumentSyntax argument => argument.Expression,
        ExpressionSyntax expression => expression,
        _ => null,
    };

    /// <summary>
    /// The stap value of a parameter: the written argument bound as <paramref name="expected"/>, or the
    /// parameter's default spelled out (stap has no optional parameters).
    /// </summary>
    public Expression Bind(int ordinal, ExpressionBinder expressions, StapType expected)
    {
        if (Written(ordinal) is { } written)
        {
            return expressions.Bind(written, expected);
        }

        var span = ExpressionBinder.SpanOf(Call);
        return For(ordinal)?.Value.ConstantValue is { HasValue: true } constant && ExpressionBinder.ConstantLiteral(constant.Value, span) is { } literal
            ? literal
            : ExpressionBinder.Error(Call, expected);
    }

    /// <summary>The value of a parameter when it is a constant string, written or left to its default; null otherwise.</summary>
    public string? ConstantString(int ordinal) => For(ordinal)?.Value.ConstantValue is { HasValue: true, Value: string s } ? s : null;

    /// <summary>Every parameter's value in parameter order, as stap takes them (a params array spread out); the order is checked first.</summary>
    public IReadOnlyList<Expression> BindAll(ExpressionBinder expressions, StapDiagnosticBag diagnostics)
    {
        ReportReordering(diagnostics);
        var values = new List<Expression>();
        foreach (var parameter in Method.Parameters)
        {
            if (parameter.IsParams)
            {
                values.AddRange(Elements(parameter.Ordinal).Select(e => expressions.Bind(e)));
            }
            else
            {
                values.Add(Bind(parameter.Ordinal, expressions, StapTypes.Map(parameter.Type, out _) ?? StapType.Long));
            }
        }

        return values;
    }

    /// <summary>
    /// Reports an argument that C# evaluates after another but stap, in parameter order, before it,
    /// where that changes which side effect comes first. One pass in written order, remembering the
    /// earlier argument of highest parameter ordinal with a side effect and the one that is not a constant.
    /// </summary>
    private void ReportReordering(StapDiagnosticBag diagnostics)
    {
        var written = _byParameter
            .Where(a => a is { ArgumentKind: ArgumentKind.Explicit or ArgumentKind.ParamArray } && Start(a) is not null)
            .Select(a => a!)
            .OrderBy(a => Start(a))
            .ToList();
        if (written.Zip(written.Skip(1)).All(pair => pair.First.Parameter!.Ordinal < pair.Second.Parameter!.Ordinal))
        {
            return; // written in parameter order: both languages evaluate alike
        }

        IArgumentOperation? latestEffect = null;
        IArgumentOperation? latestValue = null;
        foreach (var argument in written)
        {
            var ordinal = argument.Parameter!.Ordinal;
            var hasEffect = HasSideEffect(argument.Value);
            var isValue = !argument.Value.ConstantValue.HasValue;
            // A constant can neither cause nor observe a side effect; two side-effect-free values may swap.
            var movedPast = isValue && latestEffect?.Parameter!.Ordinal > ordinal ? latestEffect
                : hasEffect && latestValue?.Parameter!.Ordinal > ordinal ? latestValue
                : null;
            if (movedPast is not null)
            {
                diagnostics.Report(DiagnosticCatalog.ArgumentsReordered, Place(argument), movedPast.Parameter!.Name, argument.Parameter.Name);
                return;
            }

            if (hasEffect && (latestEffect is null || latestEffect.Parameter!.Ordinal < ordinal))
            {
                latestEffect = argument;
            }

            if (isValue && (latestValue is null || latestValue.Parameter!.Ordinal < ordinal))
            {
                latestValue = argument;
            }
        }
    }

    /// <summary>Where an argument is written: its first character (the first element of an expanded params array).</summary>
    private static int? Start(IArgumentOperation argument) => argument.ArgumentKind == ArgumentKind.ParamArray
        ? (argument.Value as IArrayCreationOperation)?.Initializer?.ElementValues.FirstOrDefault()?.Syntax.SpanStart
        : argument.Syntax.SpanStart;

    private static SyntaxNode Place(IArgumentOperation argument) => argument.ArgumentKind == ArgumentKind.ParamArray
        ? ((IArrayCreationOperation)argument.Value).Initializer!.ElementValues[0].Syntax
        : argument.Syntax;

    private static bool MayObserveEachOther(IOperation first, IOperation second) =>
        (HasSideEffect(first) && !second.ConstantValue.HasValue) || (HasSideEffect(second) && !first.ConstantValue.HasValue);

    /// <summary>A call (of a script function or of the API), an assignment, <c>++</c> or <c>--</c> anywhere inside.</summary>
    private static bool HasSideEffect(IOperation value) =>
        value.DescendantsAndSelf().Any(o => o is IInvocationOperation or IAssignmentOperation or IIncrementOrDecrementOperation);
}
