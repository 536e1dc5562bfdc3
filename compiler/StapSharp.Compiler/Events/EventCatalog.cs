using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StapSharp.Compiler.Binding;
using StapSharp.Compiler.Diagnostics;

namespace StapSharp.Compiler.Events;

/// <summary>
/// The event types one script emits, numbered before any body is bound (a <c>B</c> frame's format
/// holds its type's id). Ids follow the records' declaration order: by file, then position.
/// </summary>
internal sealed class EventCatalog
{
    /// <summary>The stap function name <c>Stap.Emit</c> carries: it is never called, always lowered.</summary>
    public const string EmitFunctionName = "__stapsharp_emit";

    public static readonly EventCatalog Empty = new([]);

    private readonly Dictionary<ITypeSymbol, (EventTypeSchema Schema, IMethodSymbol Constructor)> _byType = new(SymbolEqualityComparer.Default);

    private EventCatalog(IEnumerable<(INamedTypeSymbol Type, EventTypeSchema Schema, IMethodSymbol Constructor)> types)
    {
        foreach (var (type, schema, constructor) in types)
        {
            _byType[type] = (schema, constructor);
        }

        Types = _byType.Values.Select(v => v.Schema).OrderBy(s => s.Id).ToList();
    }

    /// <summary>The schemas in id order.</summary>
    public IReadOnlyList<EventTypeSchema> Types { get; }

    public bool TryGet(ITypeSymbol type, out EventTypeSchema schema, out IMethodSymbol constructor)
    {
        var found = _byType.TryGetValue(type, out var entry);
        (schema, constructor) = found ? entry : (null!, null!);
        return found;
    }

    public static bool IsEmit(IMethodSymbol method, KnownSymbols known) =>
        SymbolEqualityComparer.Default.Equals(method.ContainingType, known.Stap) && known.StapFunctionName(method) == EmitFunctionName;

    /// <summary>Finds every <c>Emit(new R(...))</c> in the script's methods and reads each record type once.</summary>
    public static EventCatalog Collect(Compilation compilation, KnownSymbols known, IEnumerable<IMethodSymbol> methods, StapDiagnosticBag diagnostics)
    {
        var seen = new Dictionary<ITypeSymbol, Location>(SymbolEqualityComparer.Default);
        foreach (var syntax in methods.SelectMany(m => m.DeclaringSyntaxReferences).Select(r => r.GetSyntax()))
        {
            var model = compilation.GetSemanticModel(syntax.SyntaxTree);
            foreach (var invocation in syntax.DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (invocation.ArgumentList.Arguments.Count == 1 &&
                    invocation.ArgumentList.Arguments[0].Expression is BaseObjectCreationExpressionSyntax creation &&
                    model.GetSymbolInfo(invocation).Symbol is IMethodSymbol method && IsEmit(method, known) &&
                    model.GetTypeInfo(creation).Type is { } type && !seen.ContainsKey(type))
                {
                    seen[type] = creation.GetLocation();
                }
            }
        }

        var valid = new List<(INamedTypeSymbol Type, IMethodSymbol Constructor, IReadOnlyList<EventFieldSchema> Fields)>();
        foreach (var (type, usage) in seen)
        {
            if (EventSchemaReader.Read(type, usage, known, diagnostics) is { } read)
            {
                valid.Add(((INamedTypeSymbol)type, read.Constructor, read.Fields));
            }
        }

        var ordered = valid
            .OrderBy(t => t.Constructor.Locations[0].SourceTree?.FilePath, StringComparer.Ordinal)
            .ThenBy(t => t.Constructor.Locations[0].SourceSpan.Start)
            .Select((t, id) => (t.Type, new EventTypeSchema(id, EventSchemaReader.FullName(t.Type), EventSchemaReader.CSharpName(t.Type), t.Fields), t.Constructor))
            .ToList();
        foreach (var (type, schema, _) in ordered.Where(t => t.Item2.Id > WireFormat.MaxTypeId))
        {
            diagnostics.Report(DiagnosticCatalog.TooManyEventTypes, type.Locations.FirstOrDefault(l => l.IsInSource) ?? seen[type],
                type.ToDisplayString(), schema.Id + 1, WireFormat.MaxTypeId + 1);
        }

        return new EventCatalog(ordered.Where(t => t.Item2.Id <= WireFormat.MaxTypeId));
    }
}
