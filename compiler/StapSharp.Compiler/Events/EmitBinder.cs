using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using StapSharp.Compiler.Binding;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.IR;
using StapSharp.Compiler.Naming;

namespace StapSharp.Compiler.Events;

/// <summary>
/// Lowers <c>Emit(new R(a, b))</c> to one temporary per field, each argument evaluated once in C#
/// order, the timestamp, the cpu and the frame check, then a single <c>printf</c> of the whole <c>B</c>
/// frame, so another probe's output can never split it (runtime/StapSharp/WIRE-FORMAT.md).
/// </summary>
internal sealed class EmitBinder
{
    private readonly BodyContext _context;
    private readonly ExpressionBinder _expressions;
    private readonly EventArgumentBinder _arguments;

    public EmitBinder(BodyContext context, ExpressionBinder expressions)
    {
        _context = context;
        _expressions = expressions;
        _arguments = new EventArgumentBinder(context, expressions);
    }

    private StapDiagnosticBag Diagnostics => _context.Diagnostics;

    /// <summary>The statements of an <c>Emit</c> statement, or null when <paramref name="statement"/> is not one.</summary>
    public IReadOnlyList<Statement>? TryBind(ExpressionSyntax statement)
    {
        if (statement is not InvocationExpressionSyntax invocation ||
            _context.Model.GetSymbolInfo(invocation).Symbol is not IMethodSymbol method || !EventCatalog.IsEmit(method, _context.Known))
        {
            return null;
        }

        var argument = invocation.ArgumentList.Arguments[0].Expression;
        if (argument is not BaseObjectCreationExpressionSyntax creation)
        {
            Diagnostics.Report(DiagnosticCatalog.BadEmit, argument,
                "takes the event created in place: Emit(new MyEvent(a, b)); compute the values into locals first");
            return [];
        }

        if (creation.Initializer is { } initializer)
        {
            Diagnostics.Report(DiagnosticCatalog.BadEmit, initializer,
                "sends the constructor's arguments only, so an object initializer would be lost: pass every value to the constructor");
            return [];
        }

        // An invalid record type was reported once, where the catalogue read it.
        if (_context.Model.GetTypeInfo(creation).Type is not { } type || !_context.Script.Events.TryGet(type, out var schema, out var constructor))
        {
            return [];
        }

        if (_context.Model.GetOperation(creation) is not IObjectCreationOperation operation ||
            !SymbolEqualityComparer.Default.Equals(operation.Constructor, constructor))
        {
            Diagnostics.Report(DiagnosticCatalog.BadEmit, creation,
                $"sends the fields of the positional constructor only: create it with new {type.Name}({string.Join(", ", constructor.Parameters.Select(p => p.Name))})");
            return [];
        }

        return Lower(invocation, schema, operation);
    }

    private List<Statement> Lower(InvocationExpressionSyntax invocation, EventTypeSchema schema, IObjectCreationOperation creation)
    {
        var span = ExpressionBinder.SpanOf(invocation);
        var statements = new List<Statement>();
        var temporaries = new VariableRef[schema.Fields.Count];

        // C# evaluates arguments in the order they are written (named ones too), defaults last.
        var inWrittenOrder = creation.Arguments
            .OrderBy(a => a.ArgumentKind == ArgumentKind.DefaultValue ? int.MaxValue : a.Syntax.SpanStart);
        foreach (var argument in inWrittenOrder)
        {
            var ordinal = argument.Parameter!.Ordinal;
            var field = schema.Fields[ordinal];
            temporaries[ordinal] = Temporary(statements, "ev_" + field.Name, _arguments.Bind(argument, field, schema));
        }

        // The timestamp and the cpu go into temporaries too: the frame check covers them.
        var timestamp = Temporary(statements, "ev_ts", new Call(span, StapType.Long, TranslatorFunctions.GetTimeOfDayNs, []));
        var cpu = Temporary(statements, "ev_cpu", new Call(span, StapType.Long, TranslatorFunctions.Cpu, []));
        var checkedValues = new List<Expression> { timestamp, cpu };
        checkedValues.AddRange(temporaries.Select(t => t.Type == StapType.String ? new Call(t.Span, StapType.Long, TranslatorFunctions.StrLen, [t]) : (Expression)t));
        var check = Temporary(statements, "ev_check", FrameCheck.Sum(span, schema.Id, checkedValues));

        // A B frame (runtime/StapSharp/WIRE-FORMAT.md): every value as little-endian bytes, so the probe formats no
        // digits and the host parses none. The id and the cpu take two bytes, the timestamp and each integer eight;
        // the check four. The id's second byte is zero (ids stop at 255), which no printed text can hold.
        var format = new StringBuilder(WireFormat.FrameStartFormat);
        var values = new List<Expression> { new Literal(span, StapType.Long, schema.Id, null), timestamp, cpu };
        foreach (var temporary in temporaries)
        {
            if (temporary.Type == StapType.String)
            {
                format.Append(WireFormat.StringFieldFormat);
                values.Add(new Call(temporary.Span, StapType.Long, TranslatorFunctions.StrLen, [temporary]));
            }
            else
            {
                format.Append(WireFormat.IntegerFieldFormat);
            }

            values.Add(temporary);
        }

        format.Append(WireFormat.CheckFormat);
        values.Add(FrameCheck.Folded(span, check));
        statements.Add(new ExpressionStatement(span, new FormatCall(span, StapType.Void, "printf", format.Append('\n').ToString(), values)));
        return statements;
    }

    /// <summary>Assigns <paramref name="value"/> to a fresh local named after <paramref name="name"/>; returns the local.</summary>
    private VariableRef Temporary(List<Statement> statements, string name, Expression value)
    {
        var temporary = new VariableRef(value.Span, value.Type, _context.Locals.Fresh(name));
        statements.Add(new ExpressionStatement(value.Span, new Assignment(value.Span, value.Type, AssignmentOperator.Assign, temporary, value)));
        return temporary;
    }
}
