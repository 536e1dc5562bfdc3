using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.IR;

namespace StapSharp.Compiler.Binding;

/// <summary>A printf format with its arguments.</summary>
internal sealed record BoundFormat(string Format, IReadOnlyList<Expression> Arguments);

/// <summary>
/// Interpolated strings become printf formats: <c>$"{name,-20} {n:x}"</c> → <c>"%-20s %x"</c>.
/// Only alignment and the x/X/d specifiers are translated; anything whose output would differ
/// from .NET's is reported instead of approximated.
/// </summary>
internal static class InterpolationBinder
{
    public static BoundFormat Bind(InterpolatedStringExpressionSyntax syntax, ExpressionBinder binder, StapDiagnosticBag diagnostics, string suffix = "")
    {
        var format = new StringBuilder();
        var arguments = new List<Expression>();
        foreach (var content in syntax.Contents)
        {
            switch (content)
            {
                case InterpolatedStringTextSyntax text:
                    format.Append(binder.InterpolatedText(text).Replace("%", "%%"));
                    break;
                case InterpolationSyntax hole:
                    var value = binder.Bind(hole.Expression);
                    if (binder.IsBoolean(hole.Expression))
                    {
                        diagnostics.Report(DiagnosticCatalog.DifferentMeaning, hole.Expression,
                            "A bool prints as 1 or 0 in stap, not True or False: write (b ? \"True\" : \"False\") or print it as a number with (b ? 1 : 0)");
                    }

                    format.Append(Conversion(hole, value.Type, binder, diagnostics));
                    arguments.Add(value);
                    break;
            }
        }

        return new BoundFormat(format.Append(suffix).ToString(), arguments);
    }

    private static string Conversion(InterpolationSyntax hole, StapType type, ExpressionBinder binder, StapDiagnosticBag diagnostics)
    {
        var width = string.Empty;
        if (hole.AlignmentClause is { } alignment)
        {
            if (binder.ConstantLong(alignment.Value) is { } w)
            {
                width = w.ToString(CultureInfo.InvariantCulture);
            }
            else
            {
                diagnostics.Report(DiagnosticCatalog.BadFormat, alignment, "the alignment must be a constant number");
            }
        }

        var letter = type == StapType.String ? "s" : "d";
        if (hole.FormatClause is { } clause)
        {
            var spec = clause.FormatStringToken.ValueText;
            if (type == StapType.Long && spec is "x" or "X")
            {
                letter = spec;
            }
            else if (type == StapType.Long && spec is "d" or "D")
            {
                letter = "d";
            }
            else
            {
                diagnostics.Report(DiagnosticCatalog.BadFormat, clause,
                    $"the format ':{spec}' has no exact stap equivalent: interpolation supports alignment and :x, :X, :d; use Printf with a stap format (e.g. %08x) for more");
            }
        }

        return "%" + width + letter;
    }
}
