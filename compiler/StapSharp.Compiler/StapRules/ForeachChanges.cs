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
    public static void Check(Script script, StapDiagnosticBag diagnostics)
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
                    // stap checks the limit as part of the iteration, the slice before it.
                    pending.Push((child, node is Foreach each && !ReferenceEquals(child, each.Body) && !ReferenceEquals(child, each.Shape?.Limit) ? iterated : inside));
                }
            }
        }
    }

    private static void Report(object node, IReadOnlyList<string> iterated, IReadOnlyDictionary<FunctionKey, HashSet<string>> changedByCall, StapDiagnosticBag diagnostics)
    {
        var span = node is Expression expression ? expression.Span : ((Statement)node).Span;
        if (Changed(node) is { } array && iterated.Contains(array))
        {
            diagnostics.Add(DiagnosticCatalog.MapChangedInForeach.At(span, array, string.Empty));
        }
        else if (node is Call call && changedByCall.TryGetValue(FunctionKey.Of(call), out var changed))
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

    /// <summary>
    /// For each script function, the arrays it changes itself or through the functions it calls, however
    /// deep. stap tells functions apart by name and arity, so overloads are kept apart too.
    /// </summary>
    private static Dictionary<FunctionKey, HashSet<string>> ChangedByFunctions(Script script)
    {
        var changed = new Dictionary<FunctionKey, HashSet<string>>();
        foreach (var function in script.Functions)
        {
            changed.TryAdd(new FunctionKey(function.Name, function.Parameters.Count), new HashSet<string>(StringComparer.Ordinal));
        }

        var callers = new Dictionary<FunctionKey, List<FunctionKey>>();
        var pending = new Queue<(FunctionKey Function, string Array)>();
        foreach (var function in script.Functions)
        {
            var key = new FunctionKey(function.Name, function.Parameters.Count);
            foreach (var node in IrTree.DescendantsAndSelf(function.Body))
            {
                if (Changed(node) is { } array && changed[key].Add(array))
                {
                    pending.Enqueue((key, array));
                }
                else if (node is Call call && changed.ContainsKey(FunctionKey.Of(call)))
                {
                    if (!callers.TryGetValue(FunctionKey.Of(call), out var list))
                    {
                        callers[FunctionKey.Of(call)] = list = [];
                    }

                    list.Add(key);
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

    private readonly record struct FunctionKey(string Name, int Arity)
    {
        public static FunctionKey Of(Call call) => new(call.Function, call.Arguments.Count);
    }
}
