using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace StapSharp.Compiler.Diagnostics;

/// <summary>
/// <c>#pragma warning disable STAP0300</c> (or a bare <c>#pragma warning disable</c>) silences a warning
/// of the translator from that line until a matching <c>restore</c>, at the command line as in the IDE
/// (where Roslyn applies the pragmas to the analyzers' diagnostics). Errors are never silenced: the
/// script is not written while there is one.
/// </summary>
internal static class PragmaSuppression
{
    public static IEnumerable<StapDiagnostic> Unsuppressed(Compilation compilation, IEnumerable<StapDiagnostic> diagnostics)
    {
        var pragmas = new Dictionary<string, (SourceText Text, List<PragmaWarningDirectiveTriviaSyntax> Directives)?>(StringComparer.Ordinal);
        foreach (var diagnostic in diagnostics)
        {
            if (diagnostic.Severity == StapSeverity.Error || diagnostic.Span.IsNone || !IsSuppressed(diagnostic, PragmasOf(diagnostic.Span.FilePath)))
            {
                yield return diagnostic;
            }
        }

        (SourceText Text, List<PragmaWarningDirectiveTriviaSyntax> Directives)? PragmasOf(string path)
        {
            if (!pragmas.TryGetValue(path, out var found))
            {
                var tree = compilation.SyntaxTrees.FirstOrDefault(t => string.Equals(t.FilePath, path, StringComparison.Ordinal));
                pragmas[path] = found = tree?.GetRoot() is CompilationUnitSyntax unit
                    ? (tree.GetText(), unit.DescendantTrivia(descendIntoTrivia: false).Where(t => t.IsKind(SyntaxKind.PragmaWarningDirectiveTrivia)).Select(t => (PragmaWarningDirectiveTriviaSyntax)t.GetStructure()!).ToList())
                    : null;
            }

            return found;
        }
    }

    private static bool IsSuppressed(StapDiagnostic diagnostic, (SourceText Text, List<PragmaWarningDirectiveTriviaSyntax> Directives)? pragmas)
    {
        if (pragmas is not var (text, directives) || directives.Count == 0 || diagnostic.Span.Line > text.Lines.Count)
        {
            return false;
        }

        var line = text.Lines[diagnostic.Span.Line - 1];
        var position = line.Start + Math.Min(diagnostic.Span.Column - 1, line.Span.Length);
        var disabled = false;
        foreach (var directive in directives.TakeWhile(d => d.SpanStart < position))
        {
            if (directive.ErrorCodes.Count == 0 || directive.ErrorCodes.Any(code => string.Equals(code.ToString(), diagnostic.Id, StringComparison.OrdinalIgnoreCase)))
            {
                disabled = directive.DisableOrRestoreKeyword.IsKind(SyntaxKind.DisableKeyword);
            }
        }

        return disabled;
    }
}
