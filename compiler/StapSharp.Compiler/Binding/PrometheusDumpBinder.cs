using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.IR;
using StapSharp.Compiler.ProbePoints;

namespace StapSharp.Compiler.Binding;

/// <summary>
/// <c>PrometheusDumpArray2(ref value, map, "name", "k1", "k2")</c> → <c>@prometheus_dump_array2(map, "name", "k1", "k2")</c>,
/// and the <c>...Map</c> forms with functions: stap's tapset macros (<c>prometheus.stpm</c>), which expand to
/// <c>foreach (_v = [_v1, _v2] in map) $value .= ...</c>. So the call is allowed where that loop means what the C#
/// says: in a procfs <c>.read</c> probe (the tapset's <c>prometheus</c> alias is one), appending to the probe's own
/// <c>[Target] ref string value</c>, on a map of as many keys as the macro's number, with long or string values, and
/// with the loop's variables <c>_v</c>, <c>_v1</c>, ... free in the probe, or of the same types in every dump of it.
/// </summary>
internal sealed class PrometheusDumpBinder
{
    // Prometheus's exposition format: a metric name and a label name; the macro pastes them unquoted.
    private static readonly Regex MetricName = new(@"\A[A-Za-z_:][A-Za-z0-9_:]*\z", RegexOptions.CultureInvariant);
    private static readonly Regex LabelName = new(@"\A[A-Za-z_][A-Za-z0-9_]*\z", RegexOptions.CultureInvariant);

    /// <summary>The most keys a dump takes: stap 4.8's <c>@prometheus_dump_array4</c> does not expand (it calls <c>m0</c> for <c>@m0</c>).</summary>
    public const int MaxKeys = 3;

    private readonly BodyContext _context;
    private readonly ExpressionBinder _expressions;

    public PrometheusDumpBinder(BodyContext context, ExpressionBinder expressions)
    {
        _context = context;
        _expressions = expressions;
    }

    private StapDiagnosticBag Diagnostics => _context.Diagnostics;

    public Expression Bind(InvocationExpressionSyntax invocation, LibraryMacroKind kind, int keyCount, bool withFunctions)
    {
        var span = ExpressionBinder.SpanOf(invocation);
        var arguments = CallArguments.Of(invocation, _context.Model)!;
        var parameters = arguments.Method.Parameters;
        var valid = CheckValue(invocation, arguments.Written(0), kind);

        var mapSyntax = arguments.Written(1);
        var map = mapSyntax is null ? null : _expressions.MapOf(mapSyntax);
        if (map is null)
        {
            Report(DiagnosticCatalog.BadPrometheusDump, (SyntaxNode?)mapSyntax ?? invocation, kind,
                "takes a map as it is declared: a static StapMap field of the script");
            valid = false;
        }
        else if (map.Value.Shape.KeyTypes.Count is var keys && keys != keyCount)
        {
            Report(DiagnosticCatalog.BadPrometheusDump, mapSyntax!, kind,
                $"takes a map of {keyCount} key(s), and '{mapSyntax}' has {keys}: " + (keys <= MaxKeys
                    ? $"call PrometheusDumpArray{keys}{(withFunctions ? "Map" : string.Empty)}, which has a label for each key"
                    : $"the dumps take {MaxKeys} keys at most, so write this one out: {WrittenOut(mapSyntax!.ToString(), keys)}"));
            valid = false;
        }
        else if (map.Value.Shape.ValueType is not (StapType.Long or StapType.String))
        {
            Report(DiagnosticCatalog.BadPrometheusDump, mapSyntax!, kind,
                $"prints each value, and '{mapSyntax}' holds statistics, which stap cannot print: copy the aggregate you want into a map of longs first (counts[k] = {mapSyntax}[k].Count(); in a foreach) and dump that");
            valid = false;
        }

        var literals = new List<Expression>();
        for (var i = 2; i < 3 + keyCount; i++)
        {
            var text = arguments.ConstantString(i);
            var shape = i == 2 ? MetricName : LabelName;
            if (text is null || !shape.IsMatch(text))
            {
                var what = i == 2 ? "metric name" : "label name";
                Diagnostics.Report(DiagnosticCatalog.BadLibraryMacro, arguments.Written(i) ?? invocation, kind.Spelling(),
                    text is null
                        ? $"takes the {what} ({parameters[i].Name}) as a constant string, e.g. {(i == 2 ? "\"syscall_count\"" : "\"pid\"")}"
                        : $"takes a Prometheus {what} ({parameters[i].Name}) of letters, digits{(i == 2 ? ", _ and :" : " and _")} not starting with a digit, not '{text}'");
                valid = false;
                continue;
            }

            literals.Add(Literal.String(ExpressionBinder.SpanOf((SyntaxNode?)arguments.Written(i) ?? invocation), text));
        }

        var functions = new List<string>();
        if (withFunctions)
        {
            for (var i = 3 + keyCount; i < parameters.Length; i++)
            {
                if (FunctionName(arguments, i, kind) is { } function)
                {
                    functions.Add(function);
                }
                else
                {
                    valid = false;
                }
            }
        }

        if (!valid || map is not { } dumped)
        {
            return ExpressionBinder.Error(invocation, StapType.Void);
        }

        ClaimLoopVariables(invocation, kind, mapSyntax!.ToString(), dumped.Shape);
        List<Expression> macroArguments = [new WholeArray(ExpressionBinder.SpanOf(mapSyntax!), dumped.Name), .. literals];
        return new LibraryMacro(span, StapType.Void, kind, macroArguments, Functions: withFunctions ? functions : null);
    }

    /// <summary>The first argument: <c>ref value</c>, the <c>[Target] ref string value</c> of a procfs .read probe.</summary>
    private bool CheckValue(InvocationExpressionSyntax invocation, ExpressionSyntax? value, LibraryMacroKind kind)
    {
        if (!_context.IsProbe || _context.ProbeContext.Procfs != ProcfsAccess.Read)
        {
            Diagnostics.Report(DiagnosticCatalog.PrometheusDumpOutsideProcfsRead, invocation, kind.Spelling(),
                _context.IsProbe ? "this probe's points are not all procfs .read points" : "a function is not a probe");
            return false;
        }

        if (value is IdentifierNameSyntax identifier && _context.Model.GetSymbolInfo(identifier).Symbol is IParameterSymbol { RefKind: RefKind.Ref } parameter &&
            _context.TargetParameters.TryGetValue(parameter, out var path) && path == TargetWriteRules.ProcfsValue)
        {
            return true;
        }

        Diagnostics.Report(DiagnosticCatalog.PrometheusDumpOutsideProcfsRead, (SyntaxNode?)value ?? invocation, kind.Spelling(),
            $"'{value}' is not the probe's $value");
        return false;
    }

    /// <summary>A function argument of a <c>...Map</c> form: a script method or a tapset function, by name.</summary>
    private string? FunctionName(CallArguments arguments, int ordinal, LibraryMacroKind kind)
    {
        var written = arguments.Written(ordinal);
        var method = arguments.For(ordinal)?.Value is IDelegateCreationOperation { Target: IMethodReferenceOperation reference } ? reference.Method : null;
        if (method is not null && _context.Script.Functions.TryGetValue(method, out var function))
        {
            return function.Name;
        }

        if (method is not null && KnownSymbols.Is(method.ContainingType, _context.Known.Stap) &&
            _context.Known.StapFunctionName(method) is { } tapset && Naming.StapNames.IsIdentifier(tapset))
        {
            return tapset;
        }

        Report(DiagnosticCatalog.BadPrometheusDump, (SyntaxNode?)written ?? arguments.Call, kind,
            $"calls the function given as {arguments.Method.Parameters[ordinal].Name} by its name, so '{written}' must name one: a static method of the script (ns2sec) or a tapset function of StapSharp.Stap (SyscallName, Sprint), not a lambda or another method");
        return null;
    }

    /// <summary>
    /// The macro's loop variables, <c>_v</c> (the value) and <c>_v1</c>... (the keys), are locals of the probe: a local of
    /// the C# may not have their names, and every dump in one probe must give them the same types.
    /// </summary>
    private void ClaimLoopVariables(InvocationExpressionSyntax invocation, LibraryMacroKind kind, string map, ArrayShape shape)
    {
        var variables = new List<(string Name, StapType Type)> { ("_v", shape.ValueType) };
        variables.AddRange(shape.KeyTypes.Select((type, i) => ($"_v{i + 1}", type)));
        foreach (var (name, type) in variables)
        {
            if (_context.MacroLocals.TryGetValue(name, out var earlier))
            {
                if (earlier != type)
                {
                    Report(DiagnosticCatalog.BadPrometheusDump, invocation, kind,
                        $"loops with the local {name}, a {Describe(type)} here and a {Describe(earlier)} in an earlier dump of this probe (stap's macros name their loop variables alike, and a probe has one procfs file): dump maps whose keys and values have the same types, or write this one out: {WrittenOut(map, shape.KeyTypes.Count)}");
                    return;
                }
            }
            else if (!_context.Locals.TryClaimExact(name))
            {
                Report(DiagnosticCatalog.BadPrometheusDump, invocation, kind,
                    $"loops with the local {name}, and a local of this probe already has that name: rename the local");
                return;
            }
            else
            {
                _context.MacroLocals[name] = type;
            }
        }
    }

    /// <summary>The dump written out as a foreach appending to value: the advice where no dump fits.</summary>
    private static string WrittenOut(string map, int keys)
    {
        var names = Enumerable.Range(1, keys).Select(i => "k" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var pattern = keys == 1 ? names[0] : "(" + string.Join(", ", names) + ")";
        var labels = string.Join(",", names.Select(n => n + "=\\\"{" + n + "}\\\""));
        return "foreach (var (" + pattern + ", v) in " + map + ") value += $\"name{{" + labels + "}} {v}\\n\";";
    }

    private static string Describe(StapType type) => type == StapType.String ? "string" : "long";

    private void Report(StapDiagnosticDescriptor descriptor, SyntaxNode at, LibraryMacroKind kind, string problem) =>
        Diagnostics.Report(descriptor, at, kind.Spelling(), problem);
}
