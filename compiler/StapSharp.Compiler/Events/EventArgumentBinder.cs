using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using StapSharp.Compiler.Binding;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.IR;

namespace StapSharp.Compiler.Events;

/// <summary>
/// Binds one event constructor argument to a stap value. Fields of types a probe cannot hold
/// (int, ulong, enums, Errno) are written as a constant, a cast of a long (<c>(int)n</c>,
/// <c>(MyEnum)n</c>), <c>new Errno(n)</c>, or a conditional choosing between such values.
/// </summary>
internal sealed class EventArgumentBinder
{
    private readonly BodyContext _context;
    private readonly ExpressionBinder _expressions;

    public EventArgumentBinder(BodyContext context, ExpressionBinder expressions)
    {
        _context = context;
        _expressions = expressions;
    }

    public Expression Bind(IArgumentOperation argument, EventFieldSchema field, EventTypeSchema schema)
    {
        var parameter = argument.Parameter!;
        if (argument.ArgumentKind == ArgumentKind.DefaultValue)
        {
            var span = SourceSpan.From(argument.Syntax.GetLocation());
            return Constant(parameter.ExplicitDefaultValue, span)
                ?? Reject(argument.Syntax, field, schema, "defaults to null, and stap has no null: give it a value");
        }

        // Roslyn gives the argument's syntax, or the bare expression where a conversion wraps it.
        var syntax = argument.Syntax is ArgumentSyntax written ? written.Expression : (ExpressionSyntax)argument.Syntax;
        return field.Kind == WireFieldKind.String
            ? BindString(syntax, field, schema)
            : BindInteger(syntax, field, schema);
    }

    private Expression BindString(ExpressionSyntax syntax, EventFieldSchema field, EventTypeSchema schema)
    {
        if (_context.Model.GetConstantValue(syntax) is { HasValue: true, Value: null })
        {
            return Reject(syntax, field, schema, "is null, and stap has no null: pass \"\"");
        }

        return _expressions.Bind(syntax, StapType.String);
    }

    private Expression BindInteger(ExpressionSyntax syntax, EventFieldSchema field, EventTypeSchema schema)
    {
        var span = ExpressionBinder.SpanOf(syntax);
        var constant = _context.Model.GetConstantValue(syntax);
        if (constant.HasValue && Constant(constant.Value, span) is { Type: StapType.Long } literal)
        {
            return literal;
        }

        switch (syntax)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return BindInteger(parenthesized.Expression, field, schema);
            case ConditionalExpressionSyntax conditional:
                return new Conditional(span, StapType.Long, _expressions.Bind(conditional.Condition, StapType.Long),
                    BindInteger(conditional.WhenTrue, field, schema), BindInteger(conditional.WhenFalse, field, schema));
            case CastExpressionSyntax cast:
                return BindCast(cast, field, schema);
            case BaseObjectCreationExpressionSyntax creation when KnownSymbols.Is(_context.Model.GetTypeInfo(creation).Type, _context.Known.Errno) &&
                                                                 creation.ArgumentList?.Arguments.Count == 1 && creation.Initializer is null:
                return BindInteger(creation.ArgumentList.Arguments[0].Expression, field, schema);
        }

        // Anything a probe can hold as a long (long and bool expressions, string.Length, calls) goes as it is.
        if (StapTypes.Map(_context.Model.GetTypeInfo(syntax).Type, out _) == StapType.Long || _context.Model.GetTypeInfo(syntax).Type?.SpecialType == SpecialType.System_Int32)
        {
            return _expressions.Bind(syntax, StapType.Long);
        }

        return Reject(syntax, field, schema, field.Kind switch
        {
            WireFieldKind.Errno => "must be new Errno(n) with n a long, e.g. new Errno(returnValue)",
            WireFieldKind.Enum => "must be a member of the enum (MyEnum.Open) or a cast of a long ((MyEnum)n)",
            _ => "must be a constant, a long, or a cast of a long: (int)n, (ulong)n",
        });
    }

    /// <summary>
    /// <c>(int)n</c> keeps the low 32 bits, sign-extended, as C# does; casts to long, ulong and enums
    /// keep the 64-bit value (the host reinterprets it, and narrows enums as C# does).
    /// </summary>
    private Expression BindCast(CastExpressionSyntax cast, EventFieldSchema field, EventTypeSchema schema)
    {
        var target = _context.Model.GetTypeInfo(cast.Type).Type;
        var inner = BindInteger(cast.Expression, field, schema);
        var span = ExpressionBinder.SpanOf(cast);
        switch (target)
        {
            case { SpecialType: SpecialType.System_Int32 }:
                var low = new Binary(span, StapType.Long, BinaryOperator.BitwiseAnd, inner, Literal.Long(span, 0xFFFF_FFFF));
                var flipped = new Binary(span, StapType.Long, BinaryOperator.ExclusiveOr, low, Literal.Long(span, 0x8000_0000));
                return new Binary(span, StapType.Long, BinaryOperator.Subtract, flipped, Literal.Long(span, 0x8000_0000));
            case { SpecialType: SpecialType.System_Int64 or SpecialType.System_UInt64 }:
            case { TypeKind: TypeKind.Enum }:
                return inner;
            default:
                return Reject(cast, field, schema, "casts to a type whose arithmetic stap cannot reproduce: cast to int, long, ulong or the enum");
        }
    }

    /// <summary>A C# constant (a literal, const, enum member or parameter default) as a stap literal; null for null.</summary>
    private static Literal? Constant(object? value, SourceSpan span) => value switch
    {
        null => null,
        string s => Literal.String(span, s),
        bool b => Literal.Long(span, b ? 1 : 0),
        ulong u => Literal.Long(span, unchecked((long)u)),
        char => null,
        IConvertible integral => Literal.Long(span, integral.ToInt64(System.Globalization.CultureInfo.InvariantCulture)),
        _ => null,
    };

    private Expression Reject(SyntaxNode syntax, EventFieldSchema field, EventTypeSchema schema, string advice)
    {
        _context.Diagnostics.Report(DiagnosticCatalog.BadEventArgument, syntax, field.Name, schema.TypeFullName, field.Code, advice);
        return ExpressionBinder.Error(syntax, field.Kind == WireFieldKind.String ? StapType.String : StapType.Long);
    }
}
