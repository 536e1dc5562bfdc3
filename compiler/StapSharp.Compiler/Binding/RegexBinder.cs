using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.IR;

namespace StapSharp.Compiler.Binding;

/// <summary>
/// <c>Regex.IsMatch(s, "pattern")</c> → <c>s =~ "pattern"</c>, and <c>!Regex.IsMatch(...)</c> → <c>s !~ "pattern"</c>: stap's one
/// regular-expression operation. The pattern must be a constant (stap compiles it at build time) in the subset that
/// means the same in both (<see cref="RegexPattern"/>); <c>Matched(n)</c>, <c>MatchedStr()</c> and <c>NGroups()</c> read the match.
/// </summary>
internal sealed class RegexBinder(BodyContext context, ExpressionBinder expressions)
{
    /// <summary>What to write instead of another member of <c>Regex</c>.</summary>
    public const string Advice =
        "stap's one regular-expression operation is =~: write Regex.IsMatch(s, \"pattern\") with a constant pattern (!Regex.IsMatch for !~), then read the groups with Matched(n), MatchedStr() and NGroups()";

    /// <summary><c>!Regex.IsMatch(...)</c> as one <c>!~</c>; null when the operand is not a call of IsMatch.</summary>
    public Expression? TryBindNegated(PrefixUnaryExpressionSyntax not)
    {
        var operand = not.Operand;
        while (operand is ParenthesizedExpressionSyntax parenthesized)
        {
            operand = parenthesized.Expression;
        }

        return operand is InvocationExpressionSyntax invocation &&
               context.Model.GetSymbolInfo(invocation).Symbol is IMethodSymbol { Name: "IsMatch", IsStatic: true } method && context.Known.IsRegex(method.ContainingType)
            ? Bind(invocation, method, not)
            : null;
    }

    /// <param name="negation">The <c>!</c> around the call, when it is one <c>!~</c>.</param>
    public Expression Bind(InvocationExpressionSyntax invocation, IMethodSymbol method, PrefixUnaryExpressionSyntax? negation = null)
    {
        SyntaxNode whole = negation is null ? invocation : negation;
        if (method is not { Name: "IsMatch", IsStatic: true } || method.Parameters[0].Type.SpecialType != SpecialType.System_String)
        {
            context.Diagnostics.Report(DiagnosticCatalog.UnknownCall, invocation, method.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat), Advice);
            return ExpressionBinder.Error(invocation);
        }

        var arguments = CallArguments.Of(invocation, context.Model)!;
        if (method.Parameters.Length > 2)
        {
            var ignoreCase = arguments.For(2)?.Value.ConstantValue is { HasValue: true, Value: int options } && (options & (int)RegexOptions.IgnoreCase) != 0;
            context.Diagnostics.Report(DiagnosticCatalog.RegexOptionsUnsupported, arguments.Written(2) ?? (SyntaxNode)invocation,
                ignoreCase ? "; for IgnoreCase, list both letters in the pattern, e.g. [Ss][Ss][Hh]" : string.Empty);
            return ExpressionBinder.Error(whole);
        }

        var subject = expressions.Bind(arguments.Written(0)!, StapType.String);
        var patternSyntax = arguments.Written(1)!;
        if (expressions.ConstantString(patternSyntax) is not { } pattern)
        {
            context.Diagnostics.Report(DiagnosticCatalog.RegexPatternNotConstant, patternSyntax);
            return ExpressionBinder.Error(whole);
        }

        var patternSpan = ExpressionBinder.SpanOf(patternSyntax);
        var translation = RegexPattern.Translate(pattern);
        if (translation.Stap is not { } stap)
        {
            context.Diagnostics.Add(DiagnosticCatalog.RegexPatternDiffers.At(StringLiteralPlaces.SpanAt(patternSyntax, patternSpan, translation.Offset), translation.Problem!));
            return ExpressionBinder.Error(whole);
        }

        return new Binary(ExpressionBinder.SpanOf(whole), StapType.Long, negation is null ? BinaryOperator.RegexMatch : BinaryOperator.RegexNoMatch,
            subject, Literal.String(patternSpan, stap));
    }
}
