using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StapSharp.Compiler.Bound;
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
    private readonly BodyContext _context;
    private readonly ExpressionBinder _expressions;
    private readonly EmitBinder _emits;
    private readonly TargetVariableBinder _targets;

    public CallBinder(BodyContext context, ExpressionBinder expressions)
    {
        _context = context;
        _expressions = expressions;
        _emits = new EmitBinder(context, expressions);
        _targets = new TargetVariableBinder(context, expressions);
    }

    /// <summary><c>Emit(new R(...))</c> as a statement: temporaries and one printf; null if not an Emit.</summary>
    public IReadOnlyList<Statement>? TryBindEmit(ExpressionSyntax statement) => _emits.TryBind(statement);

    private StapDiagnosticBag Diagnostics => _context.Diagnostics;

    public TargetVariableBinder Targets => _targets;

    public Expression BindInvocation(InvocationExpressionSyntax invocation)
    {
        var method = _context.Model.GetSymbolInfo(invocation).Symbol as IMethodSymbol;
        if (method is null || CallArguments.Of(invocation, _context.Model) is null)
        {
            return _expressions.Unsupported(invocation, $"'{invocation.Expression}'", "the call could not be resolved");
        }

        // The probe context (Var, Cast, Entry, Defined, Call) and build-time facts (Kernel) have their own binders.
        if ((_targets.TryBindInvocation(invocation, method) ?? PreprocessorBinder.ReportOutsideCondition(invocation, method, _context)) is { } contextual)
        {
            return contextual;
        }

        if (SymbolEqualityComparer.Default.Equals(method.ContainingType, _context.Known.Stap))
        {
            return BindIntrinsic(invocation, method);
        }

        if (_context.Known.IsStats(method.ContainingType))
        {
            return new StatsBinder(_context, _expressions).BindCall(invocation, method);
        }

        if (new MapQueryBinder(_context, _expressions).TryReportOutsideForeach(invocation, method))
        {
            return ExpressionBinder.Error(invocation);
        }

        if (_context.Known.IsStapMap(method.ContainingType))
        {
            return BindMapMethod(invocation, method);
        }

        if (_context.Script.ProbeMethods.Contains(method.OriginalDefinition))
        {
            Diagnostics.Report(DiagnosticCatalog.BadFunction, invocation, method.Name,
                "is a probe and cannot be called: move the shared code into another method and call that from both");
            return ExpressionBinder.Error(invocation);
        }

        if (_context.Script.Functions.TryGetValue(method.OriginalDefinition, out var function))
        {
            var arguments = ArgumentsOf(invocation).BindAll(_expressions, Diagnostics);
            if (function.Macro is { } macro)
            {
                return UseMacro(invocation, method, function, macro, arguments);
            }

            return new Call(ExpressionBinder.SpanOf(invocation), function.ReturnType, function.Name, arguments);
        }

        if (_context.Known.IsRegex(method.ContainingType))
        {
            return new RegexBinder(_context, _expressions).Bind(invocation, method);
        }

        Diagnostics.Report(DiagnosticCatalog.UnknownCall, invocation, method.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat), CallAdvice.For(method, _context.Known));
        return ExpressionBinder.Error(invocation, StapTypes.Map(method.ReturnType, out _) ?? StapType.Long);
    }

    /// <summary>
    /// A helper inlined as a macro: <c>@name(args)</c>. stap pastes each argument's text wherever the body uses it,
    /// so only a constant or a local (which the body cannot change) means what C#'s one evaluation does. What the
    /// body reads is checked here, against the probe it is pasted into, as the same read in the probe would be.
    /// </summary>
    private Expression UseMacro(InvocationExpressionSyntax invocation, IMethodSymbol method, FunctionSymbol function, MacroFacts macro, IReadOnlyList<Expression> arguments)
    {
        var written = ArgumentsOf(invocation);
        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i] is not (Literal or MacroParameter or VariableRef) || arguments[i] is VariableRef variable && _context.Script.IsGlobalName(variable.Name))
            {
                Diagnostics.Report(DiagnosticCatalog.MacroArgumentNotStable, (SyntaxNode?)written.Written(i) ?? invocation, written.Written(i)?.ToString() ?? invocation.ToString(), method.Name);
            }
        }

        var explicitRead = _context.ProbeContext.ExplicitDepth > 0;
        if (_context.Macro is { } enclosing)
        {
            enclosing.Include(macro, explicitRead);
        }
        else if (_context.IsProbe)
        {
            if (macro.UsesEntry && !_context.ProbeContext.AllPointsReturn)
            {
                Diagnostics.Report(DiagnosticCatalog.EntryOutsideReturnProbe, invocation, $" (through '{method.Name}')");
            }

            if (macro.ReadsTargetVariable && _context.ProbeContext.AllPointsReturn && !explicitRead)
            {
                Diagnostics.Report(DiagnosticCatalog.VarReadInReturnProbe, invocation, invocation.ToString());
            }
        }

        return new Call(ExpressionBinder.SpanOf(invocation), function.ReturnType, function.Name, arguments) { IsMacro = true };
    }

    /// <summary><c>!Regex.IsMatch(...)</c> as one <c>!~</c>; null when the operand of the <c>!</c> is something else.</summary>
    public Expression? TryBindNegatedMatch(PrefixUnaryExpressionSyntax not) => new RegexBinder(_context, _expressions).TryBindNegated(not);

    /// <summary>The arguments of a call <see cref="BindInvocation"/> resolved, matched to their parameters.</summary>
    public CallArguments ArgumentsOf(InvocationExpressionSyntax invocation) => CallArguments.Of(invocation, _context.Model)!;

    private Expression BindIntrinsic(InvocationExpressionSyntax invocation, IMethodSymbol method)
    {
        var span = ExpressionBinder.SpanOf(invocation);
        var name = _context.Known.StapFunctionName(method);
        var returnType = StapTypes.Map(method.ReturnType, out _) ?? StapType.Long;
        if (name is null)
        {
            Diagnostics.Report(DiagnosticCatalog.UnknownCall, invocation, method.Name, CallAdvice.For(method, _context.Known));
            return ExpressionBinder.Error(invocation, returnType);
        }

        var arguments = invocation.ArgumentList.Arguments;
        switch (name)
        {
            case "printf" or "sprintf":
                return BindFormatted(invocation, name, returnType);
            case "print" or "println" when arguments.Count == 1 && arguments[0].Expression is InterpolatedStringExpressionSyntax interpolated:
                // One formatted write (Lowering/PrintLowering), not a print of a formatted string.
                return new BoundPrint(span, InterpolationBinder.Bind(interpolated, _expressions, Diagnostics), NewLine: name == "println");
            case "println" when arguments.Count == 0:
                return new Call(span, StapType.Void, "println", []);
            case "print" or "println" or "sprint" or "sprintln":
                return BindPrintValues(invocation, name, returnType, delimited: false);
            case "printd" or "printdln" or "sprintd" or "sprintdln":
                return BindPrintValues(invocation, name, returnType, delimited: true);
            case EventCatalog.EmitFunctionName:
                Diagnostics.Report(DiagnosticCatalog.BadEmit, invocation, "must be a statement on its own: Emit(new MyEvent(a, b));");
                return ExpressionBinder.Error(invocation, StapType.Void);
        }

        return new Call(span, returnType, name, ArgumentsOf(invocation).BindAll(_expressions, Diagnostics));
    }

    /// <summary>
    /// <c>print(a, b)</c>, <c>printd(",", a, b)</c> and their <c>ln</c> and <c>s</c> forms: at least one value, none a
    /// bool (stap prints 1 or 0); the delimiter a constant string, which stap's grammar requires.
    /// </summary>
    private Expression BindPrintValues(InvocationExpressionSyntax invocation, string name, StapType returnType, bool delimited)
    {
        var span = ExpressionBinder.SpanOf(invocation);
        var arguments = ArgumentsOf(invocation);
        var values = arguments.BindAll(_expressions, Diagnostics).ToList();
        var written = invocation.ArgumentList.Arguments;
        var valid = true;
        if (values.Count == (delimited ? 1 : 0))
        {
            Diagnostics.Report(DiagnosticCatalog.BadPrintValues, invocation, $"{name}() needs at least one value to print: pass one or more longs or strings");
            valid = false;
        }

        if (delimited)
        {
            if (arguments.ConstantString(0) is { } delimiter)
            {
                values[0] = Literal.String(values[0].Span, delimiter);
            }
            else
            {
                Diagnostics.Report(DiagnosticCatalog.BadPrintValues, arguments.Written(0) ?? invocation,
                    $"{name}'s delimiter must be a constant string (stap reads it as a literal), e.g. {char.ToUpperInvariant(name[0])}{name[1..]}(\",\", a, b)");
                valid = false;
            }
        }

        foreach (var argument in written.Skip(delimited ? 1 : 0).Where(a => _expressions.IsBoolean(a.Expression)))
        {
            Diagnostics.Report(DiagnosticCatalog.DifferentMeaning, argument.Expression,
                "A bool prints as 1 or 0 in stap, not True or False: write (b ? \"True\" : \"False\") or print it as a number with (b ? 1 : 0)");
        }

        return valid ? new Call(span, returnType, name, values) : ExpressionBinder.Error(invocation, returnType);
    }

    private Expression BindFormatted(InvocationExpressionSyntax invocation, string name, StapType returnType)
    {
        var span = ExpressionBinder.SpanOf(invocation);
        var arguments = ArgumentsOf(invocation);
        var formatSyntax = arguments.Written(0)!;
        var valueSyntax = arguments.Elements(1);
        var format = _expressions.ConstantString(formatSyntax);
        var values = valueSyntax.Select(a => _expressions.Bind(a)).ToList();
        if (format is null)
        {
            Diagnostics.Report(DiagnosticCatalog.BadFormat, formatSyntax,
                "the format must be a constant string (stap compiles it), e.g. Printf(\"%d\\n\", n); for text built at run time use Print");
            return ExpressionBinder.Error(invocation, returnType);
        }

        var rawBytes = new List<string>();
        var (expected, error) = PrintfFormat.Parse(format, rawBytes);
        if (error is not null)
        {
            Diagnostics.Report(DiagnosticCatalog.BadFormat, formatSyntax, error);
        }
        else if (name == "printf" && rawBytes.Count > 0)
        {
            // The output is the host's event stream: no text may hold the zero byte that marks a frame (sprintf's result is a string, which cannot).
            RawBytes.Report(Diagnostics, formatSyntax, rawBytes[0]);
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
        if (invocation.Expression is MemberAccessExpressionSyntax { Expression: var receiver } && _expressions.TapsetGlobals.NameOf(receiver) is { } tapsetGlobal)
        {
            // Only an element of a tapset array has a C# form, so there is nothing more to translate here.
            return _expressions.Unsupported(invocation, $"{method.Name} on the tapset array {tapsetGlobal}", $"read an element of it: {receiver}[key]");
        }

        if (invocation.Expression is not MemberAccessExpressionSyntax access || _expressions.MapOf(access.Expression) is not { } map)
        {
            return _expressions.Unsupported(invocation, $"'{invocation.Expression}'", "call map methods directly on a StapMap field: map.ContainsKey(k)");
        }

        switch (method.Name)
        {
            case "ContainsKey":
                return new Membership(span, _expressions.BindKeys(invocation.ArgumentList.Arguments[0].Expression, map.Shape), map.Name);
            case "ContainsMatching":
                return new Membership(span, new MapQueryBinder(_context, _expressions).BindPattern(invocation.ArgumentList.Arguments[0].Expression, map.Shape), map.Name);
            case "Remove" or "Clear" or "RemoveMatching":
                // A statement in stap (delete), handled by the statement binder; here it is used as a value.
                return _expressions.Unsupported(invocation, $"The result of {method.Name}", "call it as a statement on its own");
            default:
                return _expressions.Unsupported(invocation, $"StapMap.{method.Name}", "maps support indexing, ContainsKey, ContainsMatching, Remove, RemoveMatching, Clear and foreach");
        }
    }

    /// <summary><c>map.Remove(k)</c> → <c>delete map[k]</c>; <c>map.Clear()</c> → <c>delete map</c>; null if not a map deletion.</summary>
    public Statement? TryBindDeletion(InvocationExpressionSyntax invocation)
    {
        if (_context.Model.GetSymbolInfo(invocation).Symbol is IMethodSymbol { Name: "Clear" } clear && _context.Known.IsStats(clear.ContainingType))
        {
            // s.Clear() → delete s; a[k].Clear() → delete a[k].
            return new StatsBinder(_context, _expressions).BindClear(invocation);
        }

        if (_context.Model.GetSymbolInfo(invocation).Symbol is not IMethodSymbol method ||
            !_context.Known.IsStapMap(method.ContainingType) || method.Name is not ("Remove" or "Clear" or "RemoveMatching") ||
            invocation.Expression is not MemberAccessExpressionSyntax access)
        {
            return null;
        }

        if (_expressions.TapsetGlobals.NameOf(access.Expression) is { } tapsetGlobal)
        {
            _expressions.TapsetGlobals.ReportWrite(invocation, access.Expression, tapsetGlobal);
            return new Block(ExpressionBinder.SpanOf(invocation), []);
        }

        if (_expressions.MapOf(access.Expression) is not { } map)
        {
            return null;
        }

        var span = ExpressionBinder.SpanOf(invocation);
        var key = method.Name == "Clear" ? null : invocation.ArgumentList.Arguments[0].Expression;
        Expression target = method.Name switch
        {
            "Clear" => new WholeArray(span, map.Name),
            "RemoveMatching" => new ArrayElement(span, map.Shape.ValueType, map.Name, new MapQueryBinder(_context, _expressions).BindPattern(key!, map.Shape)),
            _ => new ArrayElement(span, map.Shape.ValueType, map.Name, _expressions.BindKeys(key!, map.Shape)),
        };
        return new Delete(span, target);
    }
}
