using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.IR;

namespace StapSharp.Compiler.Binding;

/// <summary>
/// The tapsets' globals, read through the generated <c>[StapGlobal]</c> properties of <c>Stap</c>: <c>Argv1</c> is
/// <c>argv_1</c>, <c>Argv[2]</c> is <c>argv[2]</c>. They are read, never written: a write would change the global for the
/// tapset's own probes and functions too (STAP0298).
/// </summary>
internal sealed class TapsetGlobalBinder
{
    private readonly BodyContext _context;
    private readonly ExpressionBinder _expressions;

    public TapsetGlobalBinder(BodyContext context, ExpressionBinder expressions)
    {
        _context = context;
        _expressions = expressions;
    }

    /// <summary>The stap name of the tapset global an expression names (<c>Argv1</c>, <c>Stap.Argv</c>), or null.</summary>
    public string? NameOf(ExpressionSyntax syntax) => _context.Known.StapGlobalName(_context.Model.GetSymbolInfo(syntax).Symbol);

    /// <summary>A scalar tapset global read by name; an array read as a whole is reported. Null for other symbols.</summary>
    public Expression? TryBindRead(ExpressionSyntax syntax, ISymbol? symbol)
    {
        if (_context.Known.StapGlobalName(symbol) is not { } name)
        {
            return null;
        }

        var property = (IPropertySymbol)symbol!;
        if (_context.Known.IsStapMap(property.Type))
        {
            return _expressions.Unsupported(syntax, $"The tapset array '{name}' as a whole", $"read an element of it: {syntax}[key]");
        }

        return new TapsetGlobalRead(ExpressionBinder.SpanOf(syntax), StapTypes.Map(property.Type, out _) ?? StapType.Long, name, []);
    }

    /// <summary><c>Argv[2]</c> → <c>argv[2]</c>; null when the indexed expression is no tapset array.</summary>
    public Expression? TryBindElement(ElementAccessExpressionSyntax element)
    {
        if (_context.Known.StapGlobalName(_context.Model.GetSymbolInfo(element.Expression).Symbol) is not { } name ||
            _context.Model.GetSymbolInfo(element.Expression).Symbol is not IPropertySymbol { Type: INamedTypeSymbol { TypeArguments: [var key, var value] } })
        {
            return null;
        }

        var keyTypes = (key.IsTupleType ? ((INamedTypeSymbol)key).TupleElements.Select(e => e.Type) : [key])
            .Select(t => StapTypes.Map(t, out _) ?? StapType.Long).ToList();
        var shape = new ArrayShape(keyTypes, StapTypes.Map(value, out _) ?? StapType.Long, 0, false);
        if (element.ArgumentList.Arguments.Count != 1)
        {
            return _expressions.Unsupported(element, "Several indexer arguments", "a multi-key map takes a tuple key: map[(a, b)]");
        }

        var keys = _expressions.BindKeys(element.ArgumentList.Arguments[0].Expression, shape);
        return new TapsetGlobalRead(ExpressionBinder.SpanOf(element), shape.ValueType, name, keys);
    }

    /// <summary>A write (assignment, <c>++</c>, <c>Remove</c>, <c>Clear</c>) of a tapset global: reported at the written expression.</summary>
    public void ReportWrite(SyntaxNode written, ExpressionSyntax global, string name)
    {
        var type = _context.Model.GetSymbolInfo(global).Symbol is IPropertySymbol property ? property.Type : null;
        var spelled = type?.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) ?? "long";
        var own = _context.Known.IsStapMap(type) ? $"static readonly {spelled} my_{name} = new();" : $"static {spelled} my_{name};";
        _context.Diagnostics.Report(DiagnosticCatalog.TapsetGlobalWritten, written, written.ToString(), name, own);
    }
}
