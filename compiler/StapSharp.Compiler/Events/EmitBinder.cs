using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using StapSharp.Compiler.Binding;
using StapSharp.Compiler.Bound;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.IR;

namespace StapSharp.Compiler.Events;

/// <summary>
/// <c>Emit(new R(a, b))</c>: the event type and its constructor arguments in the order C# evaluates them.
/// Only the positional constructor, called in place, sends every field; anything else is reported.
/// Lowering/EmitLowering makes it one <c>B</c> frame.
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

        return [Bind(invocation, schema, operation)];
    }

    private BoundEmit Bind(InvocationExpressionSyntax invocation, EventTypeSchema schema, IObjectCreationOperation creation)
    {
        // C# evaluates arguments in the order they are written (named ones too), defaults last.
        var inWrittenOrder = creation.Arguments
            .OrderBy(a => a.ArgumentKind == ArgumentKind.DefaultValue ? int.MaxValue : a.Syntax.SpanStart);
        var arguments = inWrittenOrder
            .Select(a => new BoundEventArgument(a.Parameter!.Ordinal, _arguments.Bind(a, schema.Fields[a.Parameter.Ordinal], schema)))
            .ToList();
        return new BoundEmit(ExpressionBinder.SpanOf(invocation), schema, arguments);
    }
}
