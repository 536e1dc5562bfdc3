using StapSharp.Compiler.Binding;
using StapSharp.Compiler.IR;
using StapSharp.Compiler.ProbePoints;

namespace StapSharp.Compiler.StapRules;

/// <summary>
/// <c>probe never</c>: stap checks and types its body but never runs it. It holds what a script needs
/// stap to see without running: the assignments that type globals (<see cref="GlobalTypes"/>) and the
/// reads that keep write-only globals from being printed at the end (<see cref="WriteOnlyGlobals"/>), and
/// the calls that make stap resolve every function it keeps (<see cref="FunctionResolution"/>).
/// </summary>
internal static class NeverProbe
{
    public static readonly ProbePoint Point = new([new NamedComponent("never")], Optionality.None, null);

    /// <summary>Whether <paramref name="probe"/> is the one <see cref="AddTo"/> added, not a <c>[Probe("never")]</c> of the user's.</summary>
    public static bool IsAdded(Probe probe) => probe.Points is [{ Point: var point }] && ReferenceEquals(point, Point);

    /// <summary>The script with its <c>probe never</c> added, or the script itself when it needs none.</summary>
    public static Script AddTo(Script script, IReadOnlyCollection<GlobalSymbol> globals)
    {
        var conditional = script.Globals.Where(g => g.Condition is not null).ToDictionary(g => g.Name, g => g.Condition!, StringComparer.Ordinal);
        List<Statement> statements = [.. GlobalTypes.Typings(script, globals), .. WriteOnlyGlobals.Reads(script, globals), .. FunctionResolution.Calls(script)];
        statements = statements.Select(s => UnderConditions(s, conditional)).ToList();
        if (statements.Count == 0)
        {
            return script;
        }

        var span = statements[0].Span;
        return script with { Probes = [.. script.Probes, new Probe([new BoundProbePoint(Point, span)], span, new Block(span, statements))] };
    }

    /// <summary>A statement naming globals declared under a condition, under each of those conditions: stap has them only there.</summary>
    private static Statement UnderConditions(Statement statement, IReadOnlyDictionary<string, DeclarationCondition> conditional)
    {
        var names = IrTree.DescendantsAndSelf(statement)
            .Select(ConditionalGlobals.GlobalOf)
            .OfType<string>().Where(conditional.ContainsKey).Distinct(StringComparer.Ordinal);
        foreach (var name in names)
        {
            statement = new ConditionalCompilation(statement.Span, conditional[name].Condition, statement, null);
        }

        return statement;
    }
}
