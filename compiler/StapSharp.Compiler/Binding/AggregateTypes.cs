using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StapSharp.Compiler.Diagnostics;

namespace StapSharp.Compiler.Binding;

/// <summary>
/// Maps, statistics and histograms exist in stap only as globals (and histograms not even as
/// those): C# lets them be locals, parameters and values, so those uses are reported here.
/// </summary>
internal static class AggregateTypes
{
    /// <summary>Reports a map, statistic or histogram declared as a local or parameter; false for any other type.</summary>
    public static bool ReportOutsideGlobal(ITypeSymbol type, Location location, string role, KnownSymbols known, StapDiagnosticBag diagnostics)
    {
        if (SymbolEqualityComparer.Default.Equals(type, known.Histogram))
        {
            diagnostics.Report(DiagnosticCatalog.HistogramNotAValue, location);
        }
        else if (known.IsStats(type))
        {
            diagnostics.Report(DiagnosticCatalog.StatsNotAValue, location,
                $"it cannot be copied into {role}; read it where it lives: s.Count(), map[key].Sum(), ...; or declare a static Stats field");
        }
        else if (known.IsStapMap(type) || known.IsMapQuery(type))
        {
            diagnostics.Report(DiagnosticCatalog.GlobalOnly, location, type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat), role,
                "declare the map as a static field of the probe script and use that field directly (stap arrays cannot be passed to functions)");
        }
        else
        {
            return false;
        }

        return true;
    }

    /// <summary>A statistic used as a value (assigned, passed, compared): reported, with what to write instead.</summary>
    public static bool IsStatsValue(ExpressionSyntax syntax, BodyContext context)
    {
        if (!context.Known.IsStats(context.Model.GetTypeInfo(syntax).Type))
        {
            return false;
        }

        context.Diagnostics.Report(DiagnosticCatalog.StatsNotAValue, syntax,
            "add values with .Add(v) (stap <<<), read it with .Count(), .Sum(), .Min(), .Max(), .Avg(), .Variance() or a histogram, and empty it with .Clear()");
        return true;
    }

    /// <summary><c>Any.Long</c>/<c>Any.String</c> outside a key pattern, where stap has no <c>*</c>: reported.</summary>
    public static bool IsMisplacedWildcard(ExpressionSyntax syntax, BodyContext context)
    {
        if (syntax is not (MemberAccessExpressionSyntax or IdentifierNameSyntax) || !MapQueryBinder.IsWildcard(syntax, context))
        {
            return false;
        }

        context.Diagnostics.Report(DiagnosticCatalog.BadKeyPattern, syntax,
            $"'{syntax}' means any key only inside a key pattern: map.ContainsMatching((k, Any.Long)), map.RemoveMatching(...) or foreach over map.Matching(...)");
        return true;
    }
}
