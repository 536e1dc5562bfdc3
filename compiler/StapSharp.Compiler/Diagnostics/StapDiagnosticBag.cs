using Microsoft.CodeAnalysis;

namespace StapSharp.Compiler.Diagnostics;

/// <summary>Collects diagnostics; binding goes on after each so the user sees every problem at once.</summary>
internal sealed class StapDiagnosticBag
{
    private readonly List<StapDiagnostic> _items = [];

    public IReadOnlyList<StapDiagnostic> Items => _items;

    public bool HasErrors => _items.Any(d => d.Severity == StapSeverity.Error);

    public void Add(StapDiagnostic diagnostic) => _items.Add(diagnostic);

    public void Report(StapDiagnosticDescriptor descriptor, SyntaxNode node, params object[] args) =>
        _items.Add(descriptor.At(SourceSpan.From(node.GetLocation()), args));

    public void Report(StapDiagnosticDescriptor descriptor, Location location, params object[] args) =>
        _items.Add(descriptor.At(SourceSpan.From(location), args));
}
