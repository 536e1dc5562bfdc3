using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.IR;
using StapSharp.Compiler.ProbePoints;

namespace StapSharp.Compiler.Binding;

/// <summary>
/// Turns the <c>[Probe("...")]</c> attributes of a method into parsed probe points, which the printer
/// prints: the text is parsed, never copied, so a probe string cannot carry script text into the output.
/// </summary>
internal static class ProbePointBinder
{
    public static IReadOnlyList<BoundProbePoint> Bind(IMethodSymbol method, KnownSymbols known, Compilation compilation, ScriptSymbols script, StapDiagnosticBag diagnostics)
    {
        var points = new List<BoundProbePoint>();
        foreach (var attribute in known.Find(method, known.ProbeAttribute))
        {
            points.AddRange(BindAttribute(attribute, 0, compilation, script, diagnostics));
        }

        return points;
    }

    /// <summary>The points of one attribute whose constructor parameter <paramref name="ordinal"/> is a probe point.</summary>
    public static IEnumerable<BoundProbePoint> BindAttribute(AttributeData attribute, int ordinal, Compilation compilation, ScriptSymbols script, StapDiagnosticBag diagnostics)
    {
        var syntax = attribute.ApplicationSyntaxReference?.GetSyntax() as AttributeSyntax;
        // By parameter: [ProbeAlias(point: "...", name: "...")] has its point first.
        var argument = syntax is null ? null : CallArguments.Of(syntax, compilation.GetSemanticModel(syntax.SyntaxTree))?.Written(ordinal);
        var span = argument is null ? SourceSpan.None : SourceSpan.From(argument.GetLocation());
        if (attribute.ConstructorArguments.ElementAtOrDefault(ordinal).Value is not string text)
        {
            diagnostics.Add(DiagnosticCatalog.MalformedProbePoint.At(span, "the probe point must be a constant string, e.g. [Probe(\"syscall.mkdir\")]"));
            yield break;
        }

        var result = ProbePointParser.Parse(text);
        if (result.Error is { } error)
        {
            diagnostics.Add(DiagnosticCatalog.MalformedProbePoint.At(StringLiteralPlaces.SpanAt(argument, span, error.Offset), error.Message));
            yield break;
        }

        foreach (var point in result.Points!.Points)
        {
            if (CheckCondition(point, script, span, diagnostics) & CheckProgramPaths(point, span, diagnostics))
            {
                yield return new BoundProbePoint(point.WithIdentifiers(name => GlobalName(name, script) ?? name), span);
            }
        }
    }

    /// <summary>An <c>if (...)</c> arming condition may read only scalar globals of this script.</summary>
    private static bool CheckCondition(ProbePoint point, ScriptSymbols script, SourceSpan span, StapDiagnosticBag diagnostics)
    {
        var ok = true;
        foreach (var identifier in point.ConditionIdentifiers)
        {
            if (GlobalName(identifier, script) is null)
            {
                diagnostics.Add(DiagnosticCatalog.BadProbeCondition.At(span, identifier));
                ok = false;
            }
        }

        return ok;
    }

    /// <summary>The components naming a program or library (<c>process("PATH")</c>, <c>library("PATH")</c>) take absolute paths or bare names.</summary>
    private static bool CheckProgramPaths(ProbePoint point, SourceSpan span, StapDiagnosticBag diagnostics)
    {
        var ok = true;
        foreach (var component in point.Components)
        {
            if (component is NamedComponent { Name: "process" or "library", Argument: StringLiteral { Value: var path } } named
                && path.Contains('/') && !path.StartsWith('/'))
            {
                diagnostics.Add(DiagnosticCatalog.RelativeProgramPath.At(span, named.Name, path));
                ok = false;
            }
            else if (component is BraceGroupComponent group)
            {
                foreach (var alternative in group.Alternatives)
                {
                    ok &= CheckProgramPaths(alternative, span, diagnostics);
                }
            }
        }

        return ok;
    }

    private static string? GlobalName(string csharpName, ScriptSymbols script) =>
        script.Globals.FirstOrDefault(g => g.Key.Name == csharpName && g.Value.Array is null).Value?.Name;
}
