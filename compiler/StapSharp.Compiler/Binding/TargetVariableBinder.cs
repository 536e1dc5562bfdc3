using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.IR;
using StapSharp.Compiler.Naming;

namespace StapSharp.Compiler.Binding;

/// <summary>
/// The probe context in expressions: <c>Var.Long("fd")</c> → <c>$fd</c>, <c>Var.Parms</c> → <c>$$parms</c>,
/// <c>Cast(p, "task_struct").Long("pid")</c> → <c>@cast(p, "task_struct", "kernel")-&gt;pid</c>,
/// <c>Entry(x)</c> → <c>@entry(x)</c>, <c>Defined(x)</c> → <c>@defined(x)</c>, and <c>Call&lt;T&gt;("f", ...)</c>.
/// </summary>
internal sealed class TargetVariableBinder
{
    // A C type name as @cast takes it: "task_struct", "struct file", "unsigned long", "char *". \z: no line end may follow.
    private static readonly Regex CTypeName = new(@"\A(struct |union |enum |unsigned |signed )?[A-Za-z_][A-Za-z0-9_]*( ?\*)*\z", RegexOptions.CultureInvariant);

    // Where @cast finds the type: modules or paths (joined by ':'), then headers stap includes to build
    // the type's debuginfo: "kernel", "ext4", "/usr/bin/ls", "kernel<linux/sched.h>", "<sys/time.h>".
    // No space, quote or line end, which would carry text into the C stap compiles for the headers.
    private static readonly Regex CastModule = new(@"\A[A-Za-z0-9_.+\-/:]*(<[A-Za-z0-9_.+\-/]+>)*\z", RegexOptions.CultureInvariant);

    private const string VariablePath = "name, name->member or name[N], e.g. \"file->f_path->dentry\"";

    private readonly BodyContext _context;
    private readonly ExpressionBinder _expressions;

    public TargetVariableBinder(BodyContext context, ExpressionBinder expressions)
    {
        _context = context;
        _expressions = expressions;
    }

    private StapDiagnosticBag Diagnostics => _context.Diagnostics;

    private ProbeContextState State => _context.ProbeContext;

    /// <summary>A call of a Var, TypedPointer or context member of Stap; null when the call is something else.</summary>
    public Expression? TryBindInvocation(InvocationExpressionSyntax invocation, IMethodSymbol method)
    {
        if (KnownSymbols.Is(method.ContainingType, _context.Known.Var))
        {
            return method.Name switch
            {
                "Set" => BindSet(invocation),
                "Argument" => BindArgument(invocation),
                _ => BindVariable(invocation, method.Name),
            };
        }

        if (KnownSymbols.Is(method.ContainingType, _context.Known.TypedPointer))
        {
            return BindCastMember(invocation, method.Name);
        }

        if (!KnownSymbols.Is(method.ContainingType, _context.Known.Stap))
        {
            return null;
        }

        return _context.Known.StapFunctionName(method) switch
        {
            "@entry" => BindEntry(invocation),
            "@defined" => BindDefined(invocation),
            "@cast" => _expressions.Unsupported(invocation, "Cast(...) on its own",
                "read a member of it: Cast(p, \"task_struct\").Long(\"pid\")"),
            "@call" => BindDynamicCall(invocation, method),
            "@choose_defined" => BindChooseDefined(invocation),
            "@type_defined" => BindTypeMacro(invocation, LibraryMacroKind.TypeDefined, StapType.Long),
            "@type_member_defined" => BindTypeMacro(invocation, LibraryMacroKind.TypeMemberDefined, StapType.Long),
            "@cast_sizeof" => BindTypeMacro(invocation, LibraryMacroKind.CastSizeof, StapType.Long),
            "@cast_module_sizeof" => BindTypeMacro(invocation, LibraryMacroKind.CastModuleSizeof, StapType.Long),
            "@prometheus_dump_array1" => Prometheus().Bind(invocation, LibraryMacroKind.PrometheusDumpArray1, 1, withFunctions: false),
            "@prometheus_dump_array2" => Prometheus().Bind(invocation, LibraryMacroKind.PrometheusDumpArray2, 2, withFunctions: false),
            "@prometheus_dump_array3" => Prometheus().Bind(invocation, LibraryMacroKind.PrometheusDumpArray3, 3, withFunctions: false),
            "@prometheus_dump_array1_map" => Prometheus().Bind(invocation, LibraryMacroKind.PrometheusDumpArray1Map, 1, withFunctions: true),
            "@prometheus_dump_array2_map" => Prometheus().Bind(invocation, LibraryMacroKind.PrometheusDumpArray2Map, 2, withFunctions: true),
            "@prometheus_dump_array3_map" => Prometheus().Bind(invocation, LibraryMacroKind.PrometheusDumpArray3Map, 3, withFunctions: true),
            _ => null,
        };
    }

    private PrometheusDumpBinder Prometheus() => new(_context, _expressions);

    /// <summary><c>Var.Return</c>, <c>Var.Parms</c>, ...; null when the property is something else.</summary>
    public Expression? TryBindProperty(MemberAccessExpressionSyntax member, IPropertySymbol property)
    {
        if (!KnownSymbols.Is(property.ContainingType, _context.Known.Var))
        {
            return null;
        }

        var span = ExpressionBinder.SpanOf(member);
        return property.Name switch
        {
            "Return" => new TargetRead(span, StapType.Long, "return", TargetView.Value),
            "Vars" => new TargetSummary(span, TargetSummaryKind.Vars),
            "Parms" => new TargetSummary(span, TargetSummaryKind.Parms),
            "Locals" => new TargetSummary(span, TargetSummaryKind.Locals),
            "ReturnText" => new TargetSummary(span, TargetSummaryKind.Return),
            _ => _expressions.Unsupported(member, $"Var.{property.Name}", "see the members of StapSharp.Var"),
        };
    }

    private Expression BindVariable(InvocationExpressionSyntax invocation, string view)
    {
        var span = ExpressionBinder.SpanOf(invocation);
        var path = Path(invocation.ArgumentList.Arguments[0].Expression, VariablePath);
        if (path is null)
        {
            return ExpressionBinder.Error(invocation, ViewType(view));
        }

        _context.TargetWrites.CheckRead(invocation, path, ViewType(view));

        var readsReturnValue = path == "return" || path.StartsWith("return->", StringComparison.Ordinal);
        if (_context.Macro is { } macro)
        {
            // Whether this is an entry value depends on the probe the macro is pasted into: checked at each use.
            macro.ReadsTargetVariable |= State.ExplicitDepth == 0 && !readsReturnValue;
        }
        else if (State.AllPointsReturn && State.ExplicitDepth == 0 && !readsReturnValue)
        {
            Diagnostics.Report(DiagnosticCatalog.VarReadInReturnProbe, invocation, invocation.ToString());
        }

        return View(span, view, t => new TargetRead(span, t, path, ViewOf(view)));
    }

    /// <summary>
    /// <c>Var.Argument(2)</c> → <c>$2</c>: the script argument's tokens, pasted where the expression stands. The position is
    /// a constant from 1. It reads the probe context, so a helper that reads it is pasted into the probe (ContextHelpers).
    /// </summary>
    private Expression BindArgument(InvocationExpressionSyntax invocation)
    {
        var argument = invocation.ArgumentList.Arguments[0].Expression;
        if (_context.Model.GetConstantValue(argument) is not { HasValue: true, Value: int position } || position < 1)
        {
            Diagnostics.Report(DiagnosticCatalog.BadArgumentExpression, argument, argument.ToString(),
                "is not a constant position from 1: stap pastes the argument when it builds the script, so write the number, Var.Argument(1) for $1");
            return ExpressionBinder.Error(invocation, StapType.Long);
        }

        return new ScriptArgumentExpression(ExpressionBinder.SpanOf(invocation), position);
    }

    /// <summary><c>Var.Set("how->flags", 0)</c> → <c>$how->flags = 0</c>, where <see cref="TargetWriteRules"/> allow it (guru mode).</summary>
    private Expression BindSet(InvocationExpressionSyntax invocation)
    {
        var span = ExpressionBinder.SpanOf(invocation);
        // By parameter: Var.Set(value: 0, path: "fd") writes $fd.
        var arguments = CallArguments.Of(invocation, _context.Model)!;
        var value = arguments.Bind(arguments.Ordinal("value"), _expressions, StapType.Long);
        var path = arguments.Written(arguments.Ordinal("path")) is ExpressionSyntax written ? Path(written, VariablePath) : null;
        if (path is null || !_context.TargetWrites.CheckWrite(invocation, path, StapType.Long, "=", parameter: null))
        {
            return ExpressionBinder.Error(invocation, StapType.Long);
        }

        return new Assignment(span, StapType.Long, AssignmentOperator.Assign, new TargetRead(span, StapType.Long, path, TargetView.Value), value);
    }

    private Expression BindCastMember(InvocationExpressionSyntax invocation, string view)
    {
        var span = ExpressionBinder.SpanOf(invocation);
        if (invocation.Expression is not MemberAccessExpressionSyntax { Expression: InvocationExpressionSyntax castCall } ||
            _context.Model.GetSymbolInfo(castCall).Symbol is not IMethodSymbol cast || _context.Known.StapFunctionName(cast) != "@cast" ||
            CallArguments.Of(castCall, _context.Model) is not { } arguments)
        {
            return _expressions.Unsupported(invocation, "A TypedPointer that is not written in place",
                "write the cast where it is read: Cast(p, \"task_struct\").Long(\"pid\")");
        }

        var path = Path(invocation.ArgumentList.Arguments[0].Expression, "member, member->member or member[N], e.g. \"real_parent->pid\"");
        // By parameter: Cast(type: "task_struct", pointer: p) is @cast(p, "task_struct", "kernel"); a module left out is Cast's default.
        var pointer = arguments.Bind(arguments.Ordinal("pointer"), _expressions, StapType.Long);
        var type = arguments.ConstantString(arguments.Ordinal("type"));
        if (type is null || !CTypeName.IsMatch(type))
        {
            Diagnostics.Report(DiagnosticCatalog.BadCast, arguments.Written(arguments.Ordinal("type")) ?? castCall,
                type is null
                    ? "needs the type name as a constant string, e.g. \"task_struct\""
                    : $"names the type '{type}', which is not a C type name such as \"task_struct\", \"struct file\" or \"char *\"");
            type = null;
        }

        var module = arguments.ConstantString(arguments.Ordinal("module"));
        if (string.IsNullOrEmpty(module) || !CastModule.IsMatch(module))
        {
            Diagnostics.Report(DiagnosticCatalog.BadCast, arguments.Written(arguments.Ordinal("module")) ?? castCall,
                "needs the module as a non-empty constant string of names, paths and <headers> without spaces or quotes: " +
                "\"kernel\", a module name, \"kernel<linux/sched.h>\" or \"<sys/time.h>\"");
            module = null;
        }

        if (path is null || type is null || module is null)
        {
            return ExpressionBinder.Error(invocation, ViewType(view));
        }

        return View(span, view, t => new CastRead(span, t, pointer, type, module, path, ViewOf(view)));
    }

    private Expression BindEntry(InvocationExpressionSyntax invocation)
    {
        if (_context.Macro is { } macro)
        {
            // Checked at each use, against the probe the macro is pasted into; a guarded Entry is never checked.
            macro.UsesEntry |= State.EntryGuardDepth == 0;
        }
        else if (!_context.IsProbe || !State.AllPointsReturn && State.EntryGuardDepth == 0)
        {
            Diagnostics.Report(DiagnosticCatalog.EntryOutsideReturnProbe, invocation,
                _context.IsProbe ? string.Empty : " (a function is not a probe)");
        }

        var operand = BindExplicit(invocation.ArgumentList.Arguments[0].Expression);
        return new AtOperator(ExpressionBinder.SpanOf(invocation), operand.Type, AtOperatorKind.Entry, operand);
    }

    private Expression BindDefined(InvocationExpressionSyntax invocation)
    {
        var argument = invocation.ArgumentList.Arguments[0].Expression;
        var operand = State.UnderEntryGuard(() => BindExplicit(argument));

        // Defined(Var.UserString("f")) asks whether $f resolves: test the variable, not the read.
        if (operand is Call { Function: TranslatorFunctions.UserString or TranslatorFunctions.KernelString, Arguments: [TargetRead or CastRead] } stringRead)
        {
            operand = stringRead.Arguments[0];
        }

        // Defined(Entry(Var.Long("x"))) is @defined(@entry($x)): whether $x resolves at the entry.
        var tested = operand is AtOperator { Kind: AtOperatorKind.Entry } entry ? entry.Operand : operand;
        if (tested is not (TargetRead or CastRead or TargetSummary or TargetVariable or ScriptArgumentExpression))
        {
            Diagnostics.Report(DiagnosticCatalog.DefinedNeedsTarget, argument, argument.ToString());
        }

        return new AtOperator(ExpressionBinder.SpanOf(invocation), StapType.Long, AtOperatorKind.Defined, operand);
    }

    /// <summary><c>ChooseDefined(Var.Long("x"), 0)</c> → <c>@choose_defined($x, 0)</c>: the first argument is tested like <c>Defined</c>'s.</summary>
    private Expression BindChooseDefined(InvocationExpressionSyntax invocation)
    {
        var arguments = CallArguments.Of(invocation, _context.Model)!;
        var valueSyntax = arguments.Written(0)!;
        var value = BindExplicit(valueSyntax);
        var alternate = arguments.Bind(1, _expressions, value.Type);
        var tested = value is AtOperator { Kind: AtOperatorKind.Entry } entry ? entry.Operand : value;
        if (tested is not (TargetRead or CastRead or TargetSummary or TargetVariable))
        {
            Diagnostics.Report(DiagnosticCatalog.DefinedNeedsTarget, valueSyntax, valueSyntax.ToString());
        }

        return new LibraryMacro(ExpressionBinder.SpanOf(invocation), value.Type, LibraryMacroKind.ChooseDefined, [value, alternate]);
    }

    /// <summary>
    /// <c>TypeDefined("struct x")</c>, <c>TypeMemberDefined("struct x", "member")</c>, <c>CastSizeof("struct x")</c>,
    /// <c>CastModuleSizeof("module", "struct x")</c>: constant names, checked like <c>Cast</c>'s, since stap pastes them.
    /// </summary>
    private Expression BindTypeMacro(InvocationExpressionSyntax invocation, LibraryMacroKind kind, StapType type)
    {
        var span = ExpressionBinder.SpanOf(invocation);
        var arguments = CallArguments.Of(invocation, _context.Model)!;
        var valid = true;
        string? Checked(string parameter, Regex shape, string expected)
        {
            var value = arguments.ConstantString(arguments.Ordinal(parameter));
            if (value is null || !shape.IsMatch(value))
            {
                Diagnostics.Report(DiagnosticCatalog.BadLibraryMacro, arguments.Written(arguments.Ordinal(parameter)) ?? invocation, kind.Spelling(),
                    value is null ? $"takes the {parameter} as a constant string, e.g. {expected}" : $"takes a {parameter} such as {expected}, not '{value}'");
                valid = false;
            }

            return value;
        }

        var module = kind == LibraryMacroKind.CastModuleSizeof ? Checked("module", CastModule, "a module name or path such as \"kernel\" or \"ext4\"") : null;
        var typeName = Checked("type", CTypeName, "a C type name such as \"struct task_struct\"");
        string? member = null;
        if (kind == LibraryMacroKind.TypeMemberDefined)
        {
            member = arguments.ConstantString(arguments.Ordinal("member"));
            if (member is null || !StapNames.IsTargetPath(member))
            {
                Diagnostics.Report(DiagnosticCatalog.BadLibraryMacro, arguments.Written(arguments.Ordinal("member")) ?? invocation, kind.Spelling(),
                    "takes the member as a constant name, name->member or name[N], e.g. \"pid\" or \"mm->mmap\"");
                valid = false;
            }
        }

        if (!valid)
        {
            return ExpressionBinder.Error(invocation, type);
        }

        List<Expression> literals = module is null ? [Literal.String(span, typeName!)] : [Literal.String(span, module), Literal.String(span, typeName!)];
        return new LibraryMacro(span, type, kind, literals, member);
    }

    /// <summary>Binds the argument of Entry/Defined, where reading a parameter in a return probe is what the user asked for.</summary>
    private Expression BindExplicit(ExpressionSyntax argument)
    {
        State.ExplicitDepth++;
        try
        {
            return _expressions.Bind(argument);
        }
        finally
        {
            State.ExplicitDepth--;
        }
    }

    private Expression BindDynamicCall(InvocationExpressionSyntax invocation, IMethodSymbol method)
    {
        var arguments = CallArguments.Of(invocation, _context.Model)!;
        var returnType = method.IsGenericMethod ? StapTypes.Map(method.TypeArguments[0], out _) : StapType.Void;
        if (returnType is not (StapType.Long or StapType.String or StapType.Void))
        {
            Diagnostics.Report(DiagnosticCatalog.BadDynamicCall, invocation,
                $"returns '{method.TypeArguments[0].ToDisplayString()}': a stap function returns long or string, so write Call<long>(...) or Call<string>(...)");
            returnType = StapType.Long;
        }

        // By parameter: Call<long>(arguments: t, function: "task_nice") names the function in its second argument.
        var functionOrdinal = arguments.Ordinal("function");
        var name = arguments.ConstantString(functionOrdinal);
        if (name is null || !StapNames.IsDeclarable(name))
        {
            Diagnostics.Report(DiagnosticCatalog.BadDynamicCall, arguments.Written(functionOrdinal) ?? invocation,
                "needs the function's name as a constant string that is a stap identifier (not a keyword or print built-in), e.g. Call<long>(\"task_nice\", task)");
            return ExpressionBinder.Error(invocation, returnType.Value);
        }

        var bound = arguments.Elements(arguments.Ordinal("arguments")).Select(a => _expressions.Bind(a)).ToList();
        return new Call(ExpressionBinder.SpanOf(invocation), returnType.Value, name, bound);
    }

    /// <summary>The constant path argument, checked to be a target path (a name, then ->member or [N] steps); reports and returns null otherwise.</summary>
    private string? Path(ExpressionSyntax argument, string expected)
    {
        var path = _expressions.ConstantString(argument);
        if (path is null)
        {
            Diagnostics.Report(DiagnosticCatalog.BadTargetPath, argument, $"'{argument}' is not a constant string: stap resolves target variables when the script is built; write the path as a literal ({expected})");
            return null;
        }

        if (!StapNames.IsTargetPath(path))
        {
            Diagnostics.Report(DiagnosticCatalog.BadTargetPath, argument, $"\"{path}\" is not of the form {expected} (without $)");
            return null;
        }

        return path;
    }

    private static TargetView ViewOf(string view) => view switch
    {
        "Text" => TargetView.Text,
        "DeepText" => TargetView.DeepText,
        "AddressOf" => TargetView.Address,
        _ => TargetView.Value,
    };

    private static StapType ViewType(string view) => view is "Long" or "AddressOf" ? StapType.Long : StapType.String;

    /// <summary>The read itself, or the string read through it for UserString/KernelString.</summary>
    private static Expression View(SourceSpan span, string view, Func<StapType, Expression> read) => view switch
    {
        "UserString" => new Call(span, StapType.String, TranslatorFunctions.UserString, [read(StapType.Long)]),
        "KernelString" => new Call(span, StapType.String, TranslatorFunctions.KernelString, [read(StapType.Long)]),
        _ => read(ViewType(view)),
    };
}
