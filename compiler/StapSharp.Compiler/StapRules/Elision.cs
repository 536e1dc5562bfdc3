using StapSharp.Compiler.IR;

namespace StapSharp.Compiler.StapRules;

/// <summary>
/// stap drops a function no probe calls, directly or not, before it infers types and before it looks
/// for globals that are only written (pass 2's elision): a global used only in such a function is, to
/// stap, not used at all. The rules that reason about what stap sees read only what it keeps. Aliases
/// are all kept: one no probe names is rare, and keeping it only makes the rules type and read a little
/// more than needed, which is harmless.
/// </summary>
internal static class Elision
{
    /// <summary>The functions stap keeps: those a probe or an alias calls, directly or not, in script order.</summary>
    public static IReadOnlyList<Function> KeptFunctions(Script script)
    {
        var byName = script.Functions.ToLookup(f => f.Name, StringComparer.Ordinal);
        var called = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<Statement>(script.Probes.Select(p => p.Body).Concat(script.Aliases.Select(a => a.Body)));
        while (pending.Count > 0)
        {
            foreach (var node in IrTree.DescendantsAndSelf(pending.Dequeue()))
            {
                foreach (var name in CalledFunctions(node))
                {
                    if (byName.Contains(name) && called.Add(name))
                    {
                        foreach (var function in byName[name])
                        {
                            pending.Enqueue(function.Body);
                        }
                    }
                }
            }
        }

        return script.Functions.Where(f => called.Contains(f.Name)).ToList();
    }

    /// <summary>The functions a node calls: a call's, or those a library macro calls by name.</summary>
    private static IEnumerable<string> CalledFunctions(object node) => node switch
    {
        Call call => [call.Function],
        LibraryMacro { Functions: { } functions } => functions,
        _ => [],
    };

    /// <summary>Every statement and expression stap keeps: probes, aliases and <see cref="KeptFunctions"/>.</summary>
    public static IEnumerable<object> KeptNodes(Script script) =>
        KeptFunctions(script).Select(f => f.Body)
            .Concat(script.Aliases.Select(a => a.Body))
            .Concat(script.Probes.Select(p => p.Body))
            .SelectMany(body => IrTree.DescendantsAndSelf(body));
}
