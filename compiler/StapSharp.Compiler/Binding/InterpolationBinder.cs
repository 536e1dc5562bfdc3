using Microsoft.CodeAnalysis.CSharp.Syntax;
using StapSharp.Compiler.Bound;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.IR;

namespace StapSharp.Compiler.Binding;

/// <summary>
/// Interpolated strings: <c>$"{name,-20} {n:x}"</c> is text and holes, each with its alignment and
/// format (Lowering/ makes it a printf format). Only alignment and the x/X/d specifiers have an exact
/// stap form; anything whose output would differ from .NET's is reported instead of approximated.
/// </summary>
internal static class InterpolationBinder
{
    public static BoundInterpolation Bind(InterpolatedStringExpressionSyntax syntax, ExpressionBinder binder, StapDiagnosticBag diagnostics)
    {
        var parts = new List<InterpolationPart>();
        foreach (var content in syntax.Contents)
        {
            switch (content)
            {
                case InterpolatedStringTextSyntax text:
                    parts.Add(new InterpolationText(binder.InterpolatedText(text)));
                    break;
                case InterpolationSyntax hole:
                    var value = binder.Bind(hole.Expression);
                    if (binder.IsBoolean(hole.Expression))
                    {
                        diagnostics.Report(DiagnosticCatalog.DifferentMeaning, hole.Expression,
                            "A bool prints as 1 or 0 in stap, not True or False: write (b ? \"True\" : \"False\") or print it as a number with (b ? 1 : 0)");
                    }

                    parts.Add(Hole(hole, value, binder, diagnostics));
                    break;
            }
        }

        return new BoundInterpolation(ExpressionBinder.SpanOf(syntax), parts);
    }

    private static InterpolationHole Hole(InterpolationSyntax hole, Expression value, ExpressionBinder binder, StapDiagnosticBag diagnostics)
    {
        long? width = null;
        var type = value.Type;
        if (hole.AlignmentClause is { } alignment)
        {
            if (binder.ConstantLong(alignment.Value) is { } w)
            {
                width = w;
            }
            else
            {
                diagnostics.Report(DiagnosticCatalog.BadFormat, alignment, "the alignment must be a constant number");
            }
        }

        var format = type == StapType.String ? HoleFormat.Text : HoleFormat.Decimal;
        if (hole.FormatClause is { } clause)
        {
            var spec = clause.FormatStringToken.ValueText;
            if (type == StapType.Long && spec is "x" or "X")
            {
                format = spec == "x" ? HoleFormat.LowerHex : HoleFormat.UpperHex;
            }
            else if (type == StapType.Long && spec is "d" or "D")
            {
                format = HoleFormat.Decimal;
            }
            else
            {
                diagnostics.Report(DiagnosticCatalog.BadFormat, clause,
                    $"the format ':{spec}' has no exact stap equivalent: interpolation supports alignment and :x, :X, :d; use Printf with a stap format (e.g. %08x) for more");
            }
        }

        return new InterpolationHole(value, width, format);
    }
}
