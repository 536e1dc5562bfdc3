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
            var arguments = ResolveArguments(point, script, at => StringLiteralPlaces.SpanAt(argument, span, at), diagnostics);
            if (CheckCondition(point, script, span, diagnostics) & CheckProgramPaths(point, span, diagnostics) & CheckQuotedArguments(point, script, span, diagnostics)
                && arguments is not null)
            {
                yield return new BoundProbePoint(arguments.WithIdentifiers(name => GlobalName(name, script) ?? name), span);
            }
        }
    }

    /// <summary>
    /// Each <c>{Name}</c> of the point set from its <c>[ScriptArgument]</c> field: its position, whether it is a
    /// string, and its default; null when one cannot be (reported at its brace).
    /// </summary>
    private static ProbePoint? ResolveArguments(ProbePoint point, ScriptSymbols script, Func<int, SourceSpan> spanAt, StapDiagnosticBag diagnostics)
    {
        var defaults = new Dictionary<string, ProbePoint?>(StringComparer.Ordinal);
        var ok = true;
        foreach (var reference in point.ArgumentReferences)
        {
            if (!script.ScriptArguments.TryGetValue(reference.FieldName, out var global))
            {
                diagnostics.Add(DiagnosticCatalog.UnknownPointArgument.At(spanAt(reference.Offset), reference.FieldName));
                ok = false;
            }
            else if (reference is ArgumentComponent && global.Argument!.Type != StapType.String)
            {
                diagnostics.Add(DiagnosticCatalog.MisplacedPointArgument.At(spanAt(reference.Offset), reference.FieldName,
                    $"is a number, which cannot be a probe point: a whole point or its start is a string field ([ScriptArgument({global.Argument.Position})] static string {reference.FieldName};), and a number is a component's argument, e.g. timer.s({{{reference.FieldName}}})"));
                ok = false;
            }
            else if (reference is ArgumentComponent && global.Initializer?.StringValue is { } initial && DefaultPoint(initial) is var (fallback, problem))
            {
                if (problem is not null)
                {
                    diagnostics.Add(DiagnosticCatalog.MisplacedPointArgument.At(spanAt(reference.Offset), reference.FieldName,
                        $"stands for a probe point, so its default \"{Shorten(initial)}\" must be one: {problem}; write a default such as \"kernel.function(\\\"vfs_read\\\")\", or none (the argument is then required)"));
                    ok = false;
                }

                defaults[reference.FieldName] = fallback;
            }
        }

        if (!ok)
        {
            return null;
        }

        return point.WithArguments(
            component => component with { Position = script.ScriptArguments[component.FieldName].Argument!.Position, Default = defaults.GetValueOrDefault(component.FieldName) },
            literal => script.ScriptArguments[literal.FieldName] is var global && global.Argument!.Type == StapType.String
                ? literal with { Position = global.Argument.Position, IsString = true, Default = global.Initializer?.StringValue is { } text ? new StringLiteral(text) : null }
                : literal with { Position = global.Argument.Position, Default = global.Initializer is { } value ? new IntegerLiteral(value.LongValue) : null });
    }

    /// <summary>The default of a field that stands for a probe point: one point of components only, or why not.</summary>
    private static (ProbePoint? Point, string? Problem) DefaultPoint(string text)
    {
        var parsed = ProbePointParser.Parse(text);
        return parsed switch
        {
            { Error: { } error } => (null, error.Message),
            { Points.Points: [{ Optionality: Optionality.None, Condition: null } point] } when !point.ArgumentReferences.Any() => (point, null),
            { Points.Points.Count: > 1 } => (null, "it is a list of points, and stap pastes the argument where one point stands"),
            _ => (null, "it has '?', '!', 'if (…)' or a {Name} of its own, which cannot stand inside a point"),
        };
    }

    /// <summary><c>process("{Program}")</c> is the text, not the argument: reported where the text names a script argument field.</summary>
    private static bool CheckQuotedArguments(ProbePoint point, ScriptSymbols script, SourceSpan span, StapDiagnosticBag diagnostics)
    {
        var ok = true;
        foreach (var component in point.Components)
        {
            if (component is NamedComponent { Argument: StringLiteral { Value: ['{', .. var inside, '}'] } } named
                && script.ScriptArguments.ContainsKey(inside.Trim()))
            {
                diagnostics.Add(DiagnosticCatalog.QuotedPointArgument.At(span, inside.Trim(), named.Name));
                ok = false;
            }
            else if (component is BraceGroupComponent group)
            {
                foreach (var alternative in group.Alternatives)
                {
                    ok &= CheckQuotedArguments(alternative, script, span, diagnostics);
                }
            }
        }

        return ok;
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";

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
