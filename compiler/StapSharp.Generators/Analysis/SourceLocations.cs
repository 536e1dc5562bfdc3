using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using StapSharp.Compiler.Diagnostics;

namespace StapSharp.Generators.Analysis;

/// <summary>The translator's places (file, 1-based line and column) as Roslyn locations in a syntax tree.</summary>
internal static class SourceLocations
{
    /// <summary>
    /// The location at the span's line and column, covering the rest of the token there so the
    /// editor has something to underline (inside a string literal: from that character on).
    /// </summary>
    public static Location In(SyntaxTree tree, SourceSpan span, CancellationToken cancellationToken)
    {
        var text = tree.GetText(cancellationToken);
        if (span.Line < 1 || span.Line > text.Lines.Count)
        {
            return Location.Create(tree, new TextSpan(0, 0));
        }

        var line = text.Lines[span.Line - 1];
        var position = Math.Min(line.Start + Math.Max(span.Column - 1, 0), line.End);
        var token = tree.GetRoot(cancellationToken).FindToken(position);
        var end = !token.Span.Contains(position) ? position
            : token.IsKind(SyntaxKind.StringLiteralToken) && position > token.SpanStart && token.Span.End - 1 > position
                ? token.Span.End - 1 // a place inside a string: up to the closing quote
            : token.Span.End;
        return Location.Create(tree, TextSpan.FromBounds(position, end));
    }
}
