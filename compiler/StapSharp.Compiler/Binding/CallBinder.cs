using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.Events;
using StapSharp.Compiler.IR;

namespace StapSharp.Compiler.Binding;

/// <summary>
/// Calls: members of <c>StapSharp.Stap</c> become the stap functions their attribute names,
/// methods of the script become stap functions, StapMap methods become <c>in</c> and <c>delete</c>.
/// </summary>
internal sealed class CallBinder
{
    private readonly BodyContext context;
    private readonly ExpressionBinder expressions;
    private readonly EmitBinder emits;
    private readonly TargetVariableBinder targets;

    public CallBinder(BodyContext context, ExpressionBinder expressions)
    {
        this.context = context;
        this.expressions = expressions;
        emits = new EmitBinder(context, expressions);
        targets = new TargetVariableBinder(context, expressions);
    }

    /// <summary><c>Emit(new R(...))</c> as a statement: temporaries and one printf; null if not an Emit.</summary>
    public IReadOnlyList<Statement>? TryBindEmit(ExpressionSyntax statement) => emits.TryBind(statement);

    private DiagnosticBag Diagnostics => context.Diagnostics;

    public TargetVariableBinder Targets => targets;

    public Expression BindInvocation(InvocationExpressionSyntax invocation)
    {
        var method = context.Model.GetSymbolInfo(invocation).Symbol as IMethodSymbol;
        if (method is null || CallArguments.Of(invocation, context.Model) is null)
        {
            return expressions.Unsupported(invocation, $"'{invocation.Expression}'", "the call could not be resolved");
        }

        // The probe context (Var, Cast, Entry, Defined, Call) and build-time facts (Kernel) have their own binders.
        if ((targets.TryBindInvocation(invocation, method) ?? PreprocessorBinder.ReportOutsideCondition(invocation, method, context)) is { } contextual)
        {
            return contextual;
        }

        if (SymbolEqualityComparer.Default.Equals(method.ContainingType, context.Known.Stap))
        {
            return BindIntrinsic(invocation, method);
        }

        if (context.Known.IsStats(method.ContainingType))
        {
            return new StatsBinder(context, expressions).BindCall(invocation, method);
        }

        if (new MapQueryBinder(context, expressions).TryReportOutsideForeach(invocation, method))
        {
            return ExpressionBinder.Error(invocation);
        }

        if (context.Known.IsStapMap(method.ContainingType))
        {
            return BindMapMethod(invocation, method);
        }

        if (context.Script.ProbeMethods.Contains(method.OriginalDefinition))
        {
            Diagnostics.Report(DiagnosticCatalog.BadFunction, invocation, method.Name,
                "is a probe and cannot be called: move the shared code into another method and call that from both");
            return ExpressionBinder.Error(invocation);
        }

        if (context.Script.Functions.TryGetValue(method.OriginalDefinition, out var function))
        {
            var arguments = ArgumentsOf(invocation).BindAll(expressions, Diagnostics);
            return new Call(ExpressionBinder.SpanOf(invocation), function.ReturnType, function.Name, arguments);
        }

        Diagnostics.Report(DiagnosticCatalog.UnknownCall, invocation, method.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat));
        return ExpressionBinder.Error(invocation, StapTypes.Map(method.ReturnType, out _) ?? StapType.Long);
    }

    /// <summary>The arguments of a call <see cref="BindInvocation"/> resolved, matched to their parameters.</summary>
    public CallArguments ArgumentsOf(InvocationExpressionSyntax invocation) => CallArguments.Of(invocation, context.Model)!;

    private Expression BindIntrinsic(InvocationExpressionSyntax invocation, IMethodSymbol method)
    {
        var span = ExpressionBinder.SpanOf(invocation);
        var name = context.Known.StapFunctionName(method);
        var returnType = StapTypes.Map(method.ReturnType, out _) ?? StapType.Long;
        if (name is null)
        {
            Diagnostics.Report(DiagnosticCatalog.UnknownCall, invocation, method.Name);
            return ExpressionBinder.Error(invocation, returnType);
        }

        var arguments = invocation.ArgumentList.Arguments;
        switch (name)
        {
            case "printf" or "sprintf":
                return BindFormatted(invocation, name, returnType);
            case "print" or "println" when arguments.Count == 1 && arguments[0].Expression is InterpolatedStringExpressionSyntax interpolated:
                // Println($"...") is printf("...\n", ...): one call, formatted by stap.
                var format = InterpolationBinder.Bind(interpolated, expressions, Diagnostics, name == "println" ? "\n" : string.Empty);
                return new FormatCall(span, StapType.Void, "printf", format.Format, format.Arguments);
            case "println" when arguments.Count == 0:
                return new Call(span, StapType.Void, "println", []);
            case EventCatalog.EmitFunctionName:
                Diagnostics.Report(DiagnosticCatalog.BadEmit, invocation, "must be a statement on its own: Emit(new MyEvent(a, b));");
                return ExpressionBinder.Error(invocation, StapType.Void);
        }

        return new Call(span, returnType, name, ArgumentsOf(invocation).BindAll(expressions, Diagnostics));
    }

    private Expression BindFormatted(InvocationExpressionSyntax invocation, string name, StapType returnType)
    {
        var span = ExpressionBinder.SpanOf(invocation);
        var arguments = ArgumentsOf(invocation);
        var formatSyntax = arguments.Written(0)!;
        var valueSyntax = arguments.Elements(1);
        var format = expressions.ConstantString(formatSyntax);
        var values = valueSyntax.Select(a => expressions.Bind(a)).ToList();
        if (format is null)
        {
            Diagnostics.Report(DiagnosticCatalog.BadFormat, formatSyntax,
                "the format must be a constant string (stap compiles it), e.g. Printf(\"%d\\n\", n); for text built at run time use Print");
            return ExpressionBinder.Error(invocation, returnType);
        }

        var (expected, error) = PrintfFormat.Parse(format);
        if (error is not null)
        {
            Diagnostics.Report(DiagnosticCatalog.BadFormat, formatSyntax, error);
        }
        else if (expected.Count != values.Count)
        {
            Diagnostics.Report(DiagnosticCatalog.BadFormat, invocation,
                $"the format takes {expected.Count} argument(s) but {values.Count} are given");
        }
        else
        {
            for (var i = 0; i < values.Count; i++)
            {
                if (values[i].Type != expected[i])
                {
                    Diagnostics.Report(DiagnosticCatalog.BadFormat, valueSyntax[i],
                        $"argument {i + 1} is a {Describe(values[i].Type)} but its conversion expects a {Describe(expected[i])}");
                }
            }
        }

        return new FormatCall(span, returnType, name, format, values);
    }

    private static string Describe(StapType type) => type == StapType.String ? "string (%s)" : "long (%d, %x, ...)";

    private Expression BindMapMethod(InvocationExpressionSyntax invocation, IMethodSymbol method)
    {
        var span = ExpressionBinder.SpanOf(invocation);
        if (invocation.Expression is not MemberAccessExpressionSyntax access || expressions.MapOf(access.Expression) is not { } map)
        {
            return expressions.Unsupported(invocation, $"'{invocation.Expression}'", "call map methods directly on a StapMap field: map.ContainsKey(k)");
        }

        switch (method.Name)
        {
            case "ContainsKey":
                return new Membership(span, expressions.BindKeys(invocation.ArgumentList.Arguments[0].Expression, map.Shape), map.Name);
            case "ContainsMatching":
                return new Membership(span, new MapQueryBinder(context, expressions).BindPattern(invocation.ArgumentList.Arguments[0].Expression, map.Shape), map.Name);
            case "Remove" or "Clear" or "RemoveMatching":
                // A statement in stap (delete), handled by the statement binder; here it is used as a value.
                return expressions.Unsupported(invocation, $"The result of {method.Name}", "call it as a statement on its own");
            default:
                return expressions.Unsupported(invocation, $"StapMap.{method.Name}", "maps support indexing, ContainsKey, ContainsMatching, Remove, RemoveMatching, Clear and foreach");
        }
    }

    /// <summary><c>map.Remove(k)</c> → <c>delete map[k]</c>; <c>map.Clear()</c> → <c>delete map</c>; null if not a map deletion.</summary>
    public Statement? TryBindDeletion(InvocationExpressionSyntax invocation)
    {
        if (context.Model.GetSymbolInfo(invocation).Symbol is IMethodSymbol { Name: "Clear" } clear && context.Known.IsStats(clear.ContainingType))
        {
            // s.Clear() → delete s; a[k].Clear() → delete a[k].
            return new StatsBinder(context, expressions).BindClear(invocation);
        }

        if (context.Model.GetSymbolInfo(invocation).Symbol is not IMethodSymbol method ||
            !context.Known.IsStapMap(method.ContainingType) || method.Name is not ("Remove" or "Clear" or "RemoveMatching") ||
            invocation.Expression is not MemberAccessExpressionSyntax access || expressions.MapOf(access.Expression) is not { } map)
        {
            return null;
        }

        var span = ExpressionBinder.SpanOf(invocation);
        var key = method.Name == "Clear" ? null : invocation.ArgumentList.Arguments[0].Expression;
        Expression target = method.Name switch
        {
            "Clear" => new WholeArray(span, map.Name),
            "RemoveMatching" => new ArrayElement(span, map.Shape.ValueType, map.Name, new MapQueryBinder(context, expressions).BindPattern(key!, map.Shape)),
            _ => new ArrayElement(span, map.Shape.ValueType, map.Name, expressions.BindKeys(key!, map.Shape)),
        };
        return new Delete(span, target);
    }
}
