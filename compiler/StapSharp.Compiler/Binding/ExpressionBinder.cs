using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.IR;

namespace StapSharp.Compiler.Binding;

/// <summary>
/// Lowers C# expressions to stap expressions. Deny by default: every construct not handled here
/// is reported with advice, and a placeholder is returned so binding carries on.
/// </summary>
internal sealed partial class ExpressionBinder
{
    private readonly BodyContext _context;
    private readonly CallBinder _calls;

    public ExpressionBinder(BodyContext context)
    {
        _context = context;
        _calls = new CallBinder(context, this);
        TapsetGlobals = new TapsetGlobalBinder(context, this);
    }

    public CallBinder Calls => _calls;

    public TapsetGlobalBinder TapsetGlobals { get; }

    private StapDiagnosticBag Diagnostics => _context.Diagnostics;

    private SemanticModel Model => _context.Model;

    public static SourceSpan SpanOf(SyntaxNode node) => SourceSpan.From(node.GetLocation());

    /// <summary>A stand-in after an error, typed so that no follow-on errors are reported.</summary>
    public static Expression Error(SyntaxNode node, StapType type = StapType.Long) =>
        type == StapType.String ? Literal.String(SpanOf(node), string.Empty) : Literal.Long(SpanOf(node), 0);

    public Expression Bind(ExpressionSyntax syntax)
    {
        if (TryBindConstant(syntax) is { } constant)
        {
            return constant;
        }

        if (AggregateTypes.IsStatsValue(syntax, _context) || AggregateTypes.IsMisplacedWildcard(syntax, _context))
        {
            return Error(syntax, TypeOf(syntax));
        }

        switch (syntax)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return Bind(parenthesized.Expression);
            case IdentifierNameSyntax identifier:
                return BindName(identifier);
            case MemberAccessExpressionSyntax member:
                return BindMemberAccess(member);
            case ElementAccessExpressionSyntax element:
                return BindElementAccess(element);
            case InvocationExpressionSyntax invocation:
                return _calls.BindInvocation(invocation);
            case BinaryExpressionSyntax binary:
                return BindBinary(binary);
            case PrefixUnaryExpressionSyntax prefix:
                return BindPrefix(prefix);
            case PostfixUnaryExpressionSyntax postfix:
                return BindPostfix(postfix);
            case AssignmentExpressionSyntax assignment:
                return BindAssignment(assignment);
            case ConditionalExpressionSyntax conditional:
                return BindConditional(conditional);
            case InterpolatedStringExpressionSyntax interpolated:
                return InterpolationBinder.Bind(interpolated, this, Diagnostics);
            case CastExpressionSyntax cast:
                return BindCast(cast);
            case CheckedExpressionSyntax checkedExpression:
                Diagnostics.Report(DiagnosticCatalog.DifferentMeaning, syntax,
                    $"'{checkedExpression.Keyword.Text}' has no meaning in stap: every long wraps on overflow; remove it");
                return Bind(checkedExpression.Expression);
            default:
                return Unsupported(syntax, Describe(syntax), AdviceFor(syntax));
        }
    }

    /// <summary>Binds and requires a type; reports the no-implicit-conversion rule otherwise.</summary>
    public Expression Bind(ExpressionSyntax syntax, StapType expected)
    {
        var bound = Bind(syntax);
        if (bound.Type != expected && bound.Type != StapType.Void)
        {
            Diagnostics.Report(DiagnosticCatalog.ImplicitStringConversion, syntax);
            return Error(syntax, expected);
        }

        return bound;
    }

    public Expression Unsupported(SyntaxNode syntax, string what, string advice)
    {
        Diagnostics.Report(DiagnosticCatalog.UnsupportedSyntax, syntax, what, advice);
        return Error(syntax, TypeOf(syntax));
    }

    private StapType TypeOf(SyntaxNode syntax) =>
        syntax is ExpressionSyntax e && StapTypes.Map(Model.GetTypeInfo(e).Type, out _) is StapType.String ? StapType.String : StapType.Long;

    private Expression? TryBindConstant(ExpressionSyntax syntax)
    {
        // Interpolated strings with only constant parts are constants too, but must keep their escaping rules.
        if (syntax is InterpolatedStringExpressionSyntax)
        {
            return null;
        }

        var constant = Model.GetConstantValue(syntax);
        if (!constant.HasValue)
        {
            return null;
        }

        return constant.Value is null
            ? Unsupported(syntax, "null", "stap has no null: use \"\" for an empty string")
            : ConstantLiteral(constant.Value, SpanOf(syntax));
    }

    /// <summary>A C# constant (a literal, a const, a parameter's default) as a stap literal; null for null and for types stap lacks.</summary>
    public static Literal? ConstantLiteral(object? value, SourceSpan span)
    {
        switch (value)
        {
            case string s:
                return Literal.String(span, s);
            case bool b:
                return Literal.Long(span, b ? 1 : 0);
            case long l:
                return Literal.Long(span, l);
            case int or short or sbyte or byte or ushort or uint:
                // A constant's value is exact in 64 bits; only non-constant narrow integers behave differently.
                return Literal.Long(span, Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
            default:
                return null;
        }
    }

    private Expression BindName(IdentifierNameSyntax identifier)
    {
        var symbol = Model.GetSymbolInfo(identifier).Symbol;
        var span = SpanOf(identifier);
        switch (symbol)
        {
            case ILocalSymbol local:
                if (_context.MapEntries.ContainsKey(local))
                {
                    return Unsupported(identifier, "A whole map entry", "read its .Key or .Value, or deconstruct it: foreach (var (key, value) in map)");
                }

                return new VariableRef(span, ScalarType(identifier, local.Type), _context.Locals.NameOf(local, local.Name));
            case IParameterSymbol parameter:
                if (_context.MacroParameters.TryGetValue(parameter, out var macroParameter))
                {
                    return new MacroParameter(span, ScalarType(identifier, parameter.Type), macroParameter);
                }

                if (_context.TargetParameters.TryGetValue(parameter, out var target))
                {
                    var targetType = ScalarType(identifier, parameter.Type);
                    _context.TargetWrites.CheckRead(identifier, target, targetType);
                    return new TargetVariable(span, targetType, target);
                }

                return new VariableRef(span, ScalarType(identifier, parameter.Type), _context.Locals.NameOf(parameter, parameter.Name));
            case IFieldSymbol field:
                return BindField(identifier, field);
            case IPropertySymbol when TapsetGlobals.TryBindRead(identifier, symbol) is { } tapsetGlobal:
                return tapsetGlobal;
            default:
                return Unsupported(identifier, $"'{identifier.Identifier.Text}'", "only locals, parameters and static fields of the probe script can be read");
        }
    }

    public Expression BindField(SyntaxNode syntax, IFieldSymbol field)
    {
        if (!_context.Script.Globals.TryGetValue(field, out var global))
        {
            return Unsupported(syntax, $"Field '{field.Name}'", "only static fields of this probe script are globals");
        }

        if (global.Array is not null)
        {
            return Unsupported(syntax, $"Map '{field.Name}' as a value", "stap arrays are not values: index it, test ContainsKey, or foreach over it");
        }

        return new VariableRef(SpanOf(syntax), global.ScalarType, global.Name);
    }

    /// <summary>The zero-based position of a tuple's ItemN field.</summary>
    private static int? TupleItemIndex(string itemName) =>
        itemName.StartsWith("Item", StringComparison.Ordinal) && int.TryParse(itemName.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n - 1 : null;

    private StapType ScalarType(SyntaxNode syntax, ITypeSymbol type)
    {
        if (StapTypes.Map(type, out _) is { } mapped && mapped != StapType.Void)
        {
            return mapped;
        }

        // The declaration site already reported the type; here only keep binding.
        return StapType.Long;
    }

    private Expression BindMemberAccess(MemberAccessExpressionSyntax member)
    {
        var symbol = Model.GetSymbolInfo(member).Symbol;
        var span = SpanOf(member);

        // foreach (var e in map): e.Key and e.Value are the loop's stap variables.
        if (member.Expression is IdentifierNameSyntax receiver &&
            Model.GetSymbolInfo(receiver).Symbol is ILocalSymbol local &&
            _context.MapEntries.TryGetValue(local, out var entry) && symbol is IPropertySymbol property)
        {
            var type = ScalarType(member, property.Type);
            if (property.Name == "Value")
            {
                return new VariableRef(span, type, entry.Value);
            }

            if (entry.Keys.Count == 1)
            {
                return new VariableRef(span, type, entry.Keys[0]);
            }

            return Unsupported(member, "The tuple key of a multi-key map entry", "read one part (e.Key.Item1), or deconstruct it: foreach (var ((k1, k2), value) in map)");
        }

        // foreach (var e in map) over a multi-key map: e.Key.Item2 (or the part's name) is the loop's stap variable for that part.
        if (member.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Key", Expression: IdentifierNameSyntax entryName } &&
            Model.GetSymbolInfo(entryName).Symbol is ILocalSymbol entryLocal &&
            _context.MapEntries.TryGetValue(entryLocal, out var keyed) &&
            symbol is IFieldSymbol { CorrespondingTupleField: { } tupleField } part &&
            TupleItemIndex(tupleField.Name) is { } index && index < keyed.Keys.Count)
        {
            return new VariableRef(span, ScalarType(member, part.Type), keyed.Keys[index]);
        }

        if (TapsetGlobals.TryBindRead(member, symbol) is { } tapsetGlobal)
        {
            return tapsetGlobal;
        }

        if (symbol is IPropertySymbol contextProperty &&
            (_calls.Targets.TryBindProperty(member, contextProperty) ?? PreprocessorBinder.ReportOutsideCondition(member, contextProperty, _context)) is { } contextual)
        {
            return contextual;
        }

        if (TryCatchBinder.TryBindMessage(member, symbol, _context) is { } message)
        {
            return message;
        }

        switch (symbol)
        {
            case IFieldSymbol field:
                return BindField(member, field);
            case IPropertySymbol { Name: "Length" } length when length.ContainingType.SpecialType == SpecialType.System_String:
                return new Call(span, StapType.Long, Naming.TranslatorFunctions.StrLen, [Bind(member.Expression, StapType.String)]);
            case { } other when _context.Known.IsOfRegexNamespace(other):
                return Unsupported(member, $"'{member}'", RegexBinder.Advice);
            default:
                return Unsupported(member, $"'{member}'", "read locals, parameters, static fields of the script, or call members of StapSharp.Stap");
        }
    }

    private Expression BindElementAccess(ElementAccessExpressionSyntax element)
    {
        var span = SpanOf(element);
        if (Model.GetTypeInfo(element.Expression).Type is { } indexed && SymbolEqualityComparer.Default.Equals(indexed, _context.Known.Histogram))
        {
            return new StatsBinder(_context, this).BindBucket(element);
        }

        if (TapsetGlobals.TryBindElement(element) is { } tapsetElement)
        {
            return tapsetElement;
        }

        if (MapOf(element.Expression) is not { } map)
        {
            return Unsupported(element, "Indexing", "only StapMap fields of the probe script can be indexed");
        }

        if (element.ArgumentList.Arguments.Count != 1)
        {
            return Unsupported(element, "Several indexer arguments", "a multi-key map takes a tuple key: map[(a, b)]");
        }

        var keys = BindKeys(element.ArgumentList.Arguments[0].Expression, map.Shape);
        return new ArrayElement(span, map.Shape.ValueType, map.Name, keys);
    }

    /// <summary>The map global a C# expression names (a static StapMap field), or null.</summary>
    public (string Name, ArrayShape Shape)? MapOf(ExpressionSyntax expression)
    {
        if (Model.GetSymbolInfo(expression).Symbol is IFieldSymbol field &&
            _context.Script.Globals.TryGetValue(field, out var global) && global.Array is { } shape)
        {
            return (global.Name, shape);
        }

        return null;
    }

    /// <summary>A map key: one expression, or a tuple literal flattened into stap's key list.</summary>
    public IReadOnlyList<Expression> BindKeys(ExpressionSyntax key, ArrayShape shape)
    {
        var parts = key is TupleExpressionSyntax tuple
            ? tuple.Arguments.Select(a => a.Expression).ToList()
            : [key];
        if (parts.Count != shape.KeyTypes.Count)
        {
            Diagnostics.Report(DiagnosticCatalog.UnsupportedSyntax, key, "A tuple-valued key expression",
                $"write the key as a tuple literal with {shape.KeyTypes.Count} parts: map[(a, b)]");
            return shape.KeyTypes.Select(t => (Expression)(t == StapType.String ? Literal.String(SpanOf(key), string.Empty) : Literal.Long(SpanOf(key), 0))).ToList();
        }

        return parts.Select((part, i) => Bind(part, shape.KeyTypes[i])).ToList();
    }

    private Expression BindConditional(ConditionalExpressionSyntax conditional)
    {
        if (PreprocessorBinder.TryBindConditional(conditional, this, _context) is { } preprocessed)
        {
            return preprocessed;
        }

        var condition = Bind(conditional.Condition, StapType.Long);
        var whenTrue = ProbeContextState.IsEntryGuard(condition)
            ? _context.ProbeContext.UnderEntryGuard(() => Bind(conditional.WhenTrue))
            : Bind(conditional.WhenTrue);
        var whenFalse = Bind(conditional.WhenFalse, whenTrue.Type);
        return new Conditional(SpanOf(conditional), whenTrue.Type, condition, whenTrue, whenFalse);
    }

    private Expression BindCast(CastExpressionSyntax cast)
    {
        var target = Model.GetTypeInfo(cast.Type).Type;
        var source = Model.GetTypeInfo(cast.Expression).Type;
        if (SymbolEqualityComparer.Default.Equals(target, source) && StapTypes.Map(target, out _) is StapType.Long or StapType.String)
        {
            return Bind(cast.Expression);
        }

        if (IsShiftCount(cast) && target?.SpecialType == SpecialType.System_Int32 && source?.SpecialType == SpecialType.System_Int64)
        {
            // C# wants an int count and masks it to 6 bits, as stap does (n & 63): (int)n keeps those bits.
            return Bind(cast.Expression);
        }

        return Unsupported(cast, $"The cast to '{cast.Type}'", "stap has only long and string; convert a long to text with Sprint(n) and text to a long with StrToL(s, 10)");
    }

    /// <summary>Whether <paramref name="cast"/> is the count of a shift of a long: <c>x &lt;&lt; (int)n</c>, <c>x &gt;&gt;= (int)n</c>.</summary>
    private bool IsShiftCount(CastExpressionSyntax cast)
    {
        SyntaxNode node = cast;
        while (node.Parent is ParenthesizedExpressionSyntax parenthesized)
        {
            node = parenthesized;
        }

        var (left, right) = node.Parent switch
        {
            BinaryExpressionSyntax binary when binary.Kind() is SyntaxKind.LeftShiftExpression or SyntaxKind.RightShiftExpression or SyntaxKind.UnsignedRightShiftExpression
                => (binary.Left, binary.Right),
            AssignmentExpressionSyntax assignment when assignment.Kind() is SyntaxKind.LeftShiftAssignmentExpression or SyntaxKind.RightShiftAssignmentExpression
                or SyntaxKind.UnsignedRightShiftAssignmentExpression => (assignment.Left, assignment.Right),
            _ => (null, null),
        };
        // An int left operand is a 32-bit shift, which STAP0039 reports on its own; the count is still a count.
        return right == node && Model.GetTypeInfo(left!).Type?.SpecialType is SpecialType.System_Int64 or SpecialType.System_Int32;
    }

    private static string Describe(SyntaxNode syntax) => syntax.Kind() switch
    {
        SyntaxKind.ObjectCreationExpression or SyntaxKind.ImplicitObjectCreationExpression => "Creating objects",
        SyntaxKind.SimpleLambdaExpression or SyntaxKind.ParenthesizedLambdaExpression or SyntaxKind.AnonymousMethodExpression => "A lambda",
        SyntaxKind.IsExpression or SyntaxKind.AsExpression or SyntaxKind.IsPatternExpression => "A type test",
        SyntaxKind.SwitchExpression => "A switch expression",
        SyntaxKind.CoalesceExpression => "'??'",
        SyntaxKind.ConditionalAccessExpression => "'?.'",
        SyntaxKind.ThisExpression => "'this'",
        SyntaxKind.TupleExpression => "A tuple",
        SyntaxKind.ArrayCreationExpression or SyntaxKind.ImplicitArrayCreationExpression or SyntaxKind.CollectionExpression => "An array",
        SyntaxKind.AwaitExpression => "'await'",
        SyntaxKind.ThrowExpression => "'throw'",
        SyntaxKind.DefaultExpression or SyntaxKind.DefaultLiteralExpression => "'default'",
        SyntaxKind.TypeOfExpression or SyntaxKind.SizeOfExpression => $"'{syntax.Kind()}'",
        _ => $"'{Truncate(syntax.ToString())}'",
    };

    private static string AdviceFor(SyntaxNode syntax) => syntax.Kind() switch
    {
        SyntaxKind.IsPatternExpression => "compare values with == instead",
        SyntaxKind.SwitchExpression => "use the conditional operator c ? a : b",
        SyntaxKind.CoalesceExpression or SyntaxKind.ConditionalAccessExpression => "stap has no null; strings are \"\" when unset",
        SyntaxKind.ThrowExpression => "call Error(\"message\") to raise a stap runtime error",
        SyntaxKind.TupleExpression => "tuples may only be map keys: map[(a, b)]",
        SyntaxKind.DefaultExpression or SyntaxKind.DefaultLiteralExpression => "write 0 or \"\"",
        _ => "a probe script holds long and string values, static fields, StapMap fields and calls to StapSharp.Stap",
    };

    private static string Truncate(string text) => text.Length <= 40 ? text : text.Substring(0, 37) + "...";
}

/// <summary>Small queries on C# expression types used by the other binders.</summary>
internal sealed partial class ExpressionBinder
{
    public bool IsBoolean(ExpressionSyntax syntax) =>
        Model.GetTypeInfo(syntax).Type?.SpecialType == SpecialType.System_Boolean;

    /// <summary>The compile-time string value of an expression (a literal, const, or constant concatenation).</summary>
    public string? ConstantString(ExpressionSyntax syntax) =>
        Model.GetConstantValue(syntax) is { HasValue: true, Value: string s } ? s : null;

    /// <summary>The compile-time integer value of an expression (a literal, a const, <c>-W</c>), or null.</summary>
    public long? ConstantLong(ExpressionSyntax syntax) =>
        Model.GetConstantValue(syntax) is { HasValue: true, Value: int or long or short or sbyte or byte or ushort or uint } constant
            ? Convert.ToInt64(constant.Value, System.Globalization.CultureInfo.InvariantCulture)
            : null;

    /// <summary>
    /// The text of an interpolated string's literal part as C# reads it, with <c>{{</c>, <c>}}</c>, escapes and
    /// verbatim <c>""</c> resolved (the token's own text keeps the doubled braces).
    /// </summary>
    public string InterpolatedText(InterpolatedStringTextSyntax text) =>
        Model.GetOperation(text) is IInterpolatedStringTextOperation { Text.ConstantValue: { HasValue: true, Value: string value } }
            ? value
            : text.TextToken.ValueText;
}
