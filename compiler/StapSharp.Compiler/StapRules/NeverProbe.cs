using StapSharp.Compiler.Binding;
using StapSharp.Compiler.IR;
using StapSharp.Compiler.ProbePoints;

namespace StapSharp.Compiler.StapRules;

/// <summary>
/// <c>probe never</c>: stap checks and types its body but never runs it. It holds what a script needs
/// stap to see without running: the assignments that type globals (<see cref="GlobalTypes"/>) and the
/// reads that keep write-only globals from being printed at the end (<see cref="WriteOnlyGlobals"/>).
/// </summary>
internal static class NeverProbe
{
    public static readonly ProbePoint Point = new([new NamedComponent("never")], Optionality.None, null);

    /// <summary>The script with its <c>probe never</c> added, or the script itself when it needs none.</summary>
    public static Script AddTo(Script script, IReadOnlyCollection<GlobalSymbol> globals)
    {
        List<Statement> statements = [.. GlobalTypes.Typings(script, globals), .. WriteOnlyGlobals.Reads(script, globals)];
        if (statements.Count == 0)
        {
            return script;
        }

        var span = statements[0].Span;
        return script with { Probes = [.. script.Probes, new Probe([new BoundProbePoint(Point, span)], span, new Block(span, statements))] };
    }
}
