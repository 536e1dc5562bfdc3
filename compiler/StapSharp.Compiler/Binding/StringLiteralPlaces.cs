using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StapSharp.Compiler.Diagnostics;

namespace StapSharp.Compiler.Binding;

/// <summary>Places inside a string literal: a diagnostic about one character of a probe point or a pattern points at it.</summary>
internal static class StringLiteralPlaces
{
    /// <summary>The C# place of character <paramref name="offset"/> of a string literal's value, when the literal is on one line.</summary>
    public static SourceSpan SpanAt(ExpressionSyntax? argument, SourceSpan fallback, int offset)
    {
        if (argument is not LiteralExpressionSyntax { Token: var token } || !token.IsKind(SyntaxKind.StringLiteralToken))
        {
            return fallback;
        }

        var source = token.Text;
        var verbatim = source.StartsWith("@", StringComparison.Ordinal);
        var position = verbatim ? 2 : 1;
        for (var valueIndex = 0; valueIndex < offset && position < source.Length - 1; valueIndex++)
        {
            position += verbatim ? (source[position] == '"' ? 2 : 1) : EscapeLength(source, position);
        }

        return fallback.Advance(position);
    }

    /// <summary>How many source characters one value character of a regular string literal takes.</summary>
    private static int EscapeLength(string source, int position)
    {
        if (source[position] != '\\' || position + 1 >= source.Length)
        {
            return 1;
        }

        return source[position + 1] switch
        {
            'x' => 2 + source.Skip(position + 2).Take(4).TakeWhile(Uri.IsHexDigit).Count(),
            'u' => 6,
            'U' => 10,
            _ => 2,
        };
    }
}
