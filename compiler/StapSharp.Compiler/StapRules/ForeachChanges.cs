using StapSharp.Compiler.Binding;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.IR;

namespace StapSharp.Compiler.StapRules;

/// <summary>
/// A map must not change inside a foreach over it: stap rejects a write, <c>++</c>, <c>&lt;&lt;&lt;</c> or
/// delete of it in the loop body, and a call of a function that writes it ("modified during 'foreach'
/// iteration", pass 2), and C# would throw. Reported here at the change or the call, through any depth
/// of calls (stap looks one call deep, and misses a delete there).
/// </summary>
internal static class ForeachChanges
{
    public static void Check(Script script, DiagnosticBag diagnostics)
    {
        var changedByCall = ChangedByFunctions(script);
        var bodies = script.Functions.Select(f => f.Body).Concat(script.Aliases.Select(a => a.Body)).Concat(script.Probes.Select(p => p.Body));
        foreach (var body in bodies)
        {
            var pending = new Stack<(object Node, IReadOnlyList<string> Iterated)>();
            pending.Push((body, []));
            while (pending.Count > 0)
            {
                var (node, iterated) = pending.Pop();
                if (iterated.Count > 0)
                {
                    Report(node, iterated, changedByCall, diagnostics);
                }

                var inside = node is Foreach loop ? [.. iterated, loop.Array] : iterated;
                foreach (var child in IrTree.Children(node))
                {
                    // The loop's own header (slice, limit) runs outside its iteration.
                    pending.Push((child, node is Foreach each && !ReferenceEquals(child, each.Body) ? iterated : inside));
                }
            }
        }
    }

    private static void Report(object node, IReadOnlyList<string> iterated, IReadOnlyDictionary<string, HashSet<string>> changedByCall, DiagnosticBag diagnostics)
    {
        var span = node is Expression expression ? expression.Span : ((Statement)node).Span;
        if (Changed(node) is { } array && iterated.Contains(array))
        {
            diagnostics.Add(DiagnosticCatalog.MapChangedInForeach.At(span, array, string.Empty));
        }
        else if (node is Call call && changedByCall.TryGetValue(call.Function, out var changed))
        {
            foreach (var iteratedArray in iterated.Distinct().Where(changed.Contains))
            {
                diagnostics.Add(DiagnosticCatalog.MapChangedInForeach.At(span, iteratedArray, $" by {call.Function}(), which changes it"));
            }
        }
    }

    /// <summary>The array a node changes directly: an element written, incremented, added to or deleted, or the whole array deleted.</summary>
    private static string? Changed(object node) => node switch
    {
        Assignment { Target: ArrayElement element } => element.Array,
        Crement { Target: ArrayElement element } => element.Array,
        StatsAdd { Target: ArrayElement element } => element.Array,
        Delete { Target: ArrayElement element } => element.Array,
        Delete { Target: WholeArray whole } => whole.Array,
        _ => null,
    };

    /// <summary>For each script function, the arrays it changes itself or through the functions it calls, however deep.</summary>
    private static Dictionary<string, HashSet<string>> ChangedByFunctions(Script script)
    {
        var functions = script.Functions.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var callers = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var changed = script.Functions.ToDictionary(f => f.Name, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        var pending = new Queue<(string Function, string Array)>();
        foreach (var function in script.Functions)
        {
            foreach (var node in IrTree.DescendantsAndSelf(function.Body))
            {
                if (Changed(node) is { } array && changed[function.Name].Add(array))
                {
                    pending.Enqueue((function.Name, array));
                }
                else if (node is Call call && functions.Contains(call.Function))
                {
                    if (!callers.TryGetValue(call.Function, out var list))
                    {
                        callers[call.Function] = list = [];
                    }

                    list.Add(function.Name);
                }
            }
        }

        // Each (function, array) is queued once: linear in the calls times the arrays.
        while (pending.Count > 0)
        {
            var (function, array) = pending.Dequeue();
            foreach (var caller in callers.GetValueOrDefault(function) ?? [])
            {
                if (changed[caller].Add(array))
                {
                    pending.Enqueue((caller, array));
                }
            }
        }

        return changed;
    }
}
