using StapSharp.Compiler.Binding;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.IR;

namespace StapSharp.Compiler.StapRules;

/// <summary>
/// stap prints every global the script writes and never reads when the script ends (<c>x=0x1</c>, each
/// element of a map, a statistic's count, min, max and average): output the C# never asked for, mixed
/// into the script's own. A write here is an assignment of any kind, <c>++</c>/<c>--</c> and
/// <c>&lt;&lt;&lt;</c> (stap counts <c>x += 1</c> and <c>x++</c> as writes only); a read is any other use,
/// <c>delete</c>, membership and <c>foreach</c> included. Each global without a read gets one in
/// <c>probe never</c>, as an <c>if</c> (stap elides a bare expression statement, and the read with it).
/// Reading a global that is read elsewhere too is harmless, so the check may over-approximate. A global
/// the script never writes gets no read: stap prints nothing for it, and a read would leave stap a global
/// it cannot type.
/// </summary>
internal static class WriteOnlyGlobals
{
    public static List<Statement> Reads(Script script, IEnumerable<GlobalSymbol> globals)
    {
        var (read, written) = Uses(script);
        var declared = script.Globals.ToDictionary(g => g.Name, StringComparer.Ordinal);
        var statements = new List<Statement>();
        foreach (var global in globals)
        {
            if (read.Contains(global.Name) || !written.Contains(global.Name) || !declared.TryGetValue(global.Name, out var declaration))
            {
                continue;
            }

            var span = declaration.Span;
            statements.Add(new If(span, Read(span, global), new Next(span), null));
        }

        return statements;
    }

    /// <summary>A condition that reads the global and is well typed whatever its shape.</summary>
    private static Expression Read(SourceSpan span, GlobalSymbol global)
    {
        if (global.Array is { } shape)
        {
            return new Membership(span, shape.KeyTypes.Select(t => (Expression)GlobalTypes.Zero(span, t)).ToList(), global.Name);
        }

        var variable = new VariableRef(span, global.ScalarType, global.Name);
        return global.ScalarType == StapType.Stats
            ? new Binary(span, StapType.Long, BinaryOperator.Equal, new AggregateRead(span, AggregateFunction.Count, variable, null), GlobalTypes.Zero(span, StapType.Long))
            : new Binary(span, StapType.Long, BinaryOperator.Equal, variable, GlobalTypes.Zero(span, global.ScalarType));
    }

    /// <summary>The names the script reads, and the names it writes.</summary>
    private static (HashSet<string> Read, HashSet<string> Written) Uses(Script script)
    {
        // A write in a function stap elides is no write to stap, and a read added for it would leave a global it cannot type.
        var nodes = Elision.KeptNodes(script).ToList();
        var written = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var node in nodes)
        {
            switch (node)
            {
                case Assignment assignment:
                    written.Add(assignment.Target);
                    break;
                case Crement crement:
                    written.Add(crement.Target);
                    break;
                case StatsAdd add:
                    written.Add(add.Target);
                    break;
            }
        }

        var read = new HashSet<string>(StringComparer.Ordinal);
        var writtenNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            switch (node)
            {
                case VariableRef variable when written.Contains(variable):
                    writtenNames.Add(variable.Name);
                    break;
                case ArrayElement element when written.Contains(element):
                    writtenNames.Add(element.Array);
                    break;
                case VariableRef variable:
                    read.Add(variable.Name);
                    break;
                case ArrayElement element:
                    read.Add(element.Array);
                    break;
                case Membership membership:
                    read.Add(membership.Array);
                    break;
                case WholeArray whole:
                    read.Add(whole.Array);
                    break;
                case Foreach loop:
                    read.Add(loop.Array);
                    break;
            }
        }

        return (read, writtenNames);
    }
}
