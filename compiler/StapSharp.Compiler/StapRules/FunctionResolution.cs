using StapSharp.Compiler.IR;

namespace StapSharp.Compiler.StapRules;

/// <summary>
/// stap resolves the names in a function's body (its globals, parameters, locals and calls) only if it meets the
/// function at the right moment. It first resolves the probes, collecting the functions they call in a map ordered
/// by name, then walks that map resolving each function, adding the functions each calls as it goes; one added
/// behind the walk (a name that sorts before its caller's: <c>Describe</c> called only from <c>Mix</c>) is not
/// visited, and stap fails pass 2 on its first name ("symbol without referent", "unresolved symbol"). Only a
/// tapset file that a later call pulls in makes stap walk the map again, so whether a script passes depends on
/// what else it calls. Each function that no probe or alias calls itself, but one of them reaches, gets a call in
/// <c>probe never</c> (<see cref="NeverProbe"/>), which stap resolves with the probes, so it is in the map before
/// the walk starts. The call never runs; its arguments are zeros of the parameters' types.
/// </summary>
internal static class FunctionResolution
{
    /// <summary>The calls that make stap resolve every function it keeps; empty when the probes call them all.</summary>
    public static List<Statement> Calls(Script script)
    {
        // By name and arity: stap tells overloads apart by their number of parameters, and keeps each under its own name.
        var functions = script.Functions.Where(f => !f.IsMacro).GroupBy(Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var macros = script.Functions.Where(f => f.IsMacro).GroupBy(f => f.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var calls = functions.ToDictionary(f => f.Key, f => Callees(f.Value.Body, functions, macros), StringComparer.Ordinal);
        var calledDirectly = new HashSet<string>(StringComparer.Ordinal);
        // Per function reached from a probe only through functions: the build conditions of the probes that reach it (null: one reaches it unconditionally).
        var reachedUnder = new Dictionary<string, List<DeclarationCondition?>>(StringComparer.Ordinal);
        var roots = script.Probes.Select(p => (p.Body, p.Condition)).Concat(script.Aliases.Select(a => (a.Body, Condition: (DeclarationCondition?)null)));
        foreach (var (body, condition) in roots)
        {
            var direct = Callees(body, functions, macros);
            calledDirectly.UnionWith(direct);
            foreach (var name in Reachable(direct, calls))
            {
                if (!reachedUnder.TryGetValue(name, out var conditions))
                {
                    reachedUnder[name] = conditions = [];
                }

                conditions.Add(condition);
            }
        }

        var statements = new List<Statement>();
        foreach (var function in script.Functions.Where(f => !f.IsMacro && !calledDirectly.Contains(Key(f)) && reachedUnder.ContainsKey(Key(f))))
        {
            var span = function.Span;
            Statement call = new ExpressionStatement(span,
                new Call(span, function.ReturnType, function.Name, function.Parameters.Select(p => (Expression)GlobalTypes.Zero(span, p.Type)).ToList()));
            var conditions = reachedUnder[Key(function)];
            if (conditions.Any(c => c is null))
            {
                statements.Add(call);
                continue;
            }

            // Reached only from probes built under conditions: stap sees the function only where one of them holds.
            var distinct = new List<DeclarationCondition>();
            foreach (var condition in conditions.OfType<DeclarationCondition>().Where(c => !distinct.Any(c.IsSameAs)))
            {
                distinct.Add(condition);
                statements.Add(new ConditionalCompilation(span, condition.Condition, call, null));
            }
        }

        return statements;
    }

    private static string Key(Function function) => Key(function.Name, function.Parameters.Count);

    private static string Key(string name, int arity) => name + "/" + arity.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The script functions a body calls, its macros' bodies included (stap pastes those into the body).</summary>
    private static HashSet<string> Callees(Block body, Dictionary<string, Function> functions, Dictionary<string, Function> macros)
    {
        var callees = new HashSet<string>(StringComparer.Ordinal);
        var pasted = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<Block>([body]);
        while (pending.Count > 0)
        {
            foreach (var call in IrTree.DescendantsAndSelf(pending.Pop()).OfType<Call>())
            {
                if (call.IsMacro)
                {
                    if (macros.TryGetValue(call.Function, out var macro) && pasted.Add(call.Function))
                    {
                        pending.Push(macro.Body);
                    }
                }
                else if (functions.ContainsKey(Key(call.Function, call.Arguments.Count)))
                {
                    callees.Add(Key(call.Function, call.Arguments.Count));
                }
            }
        }

        return callees;
    }

    /// <summary>The functions the <paramref name="direct"/> ones call, directly or not, without the direct ones unless a cycle comes back to them.</summary>
    private static HashSet<string> Reachable(HashSet<string> direct, Dictionary<string, HashSet<string>> calls)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>(direct);
        while (pending.Count > 0)
        {
            foreach (var callee in calls[pending.Dequeue()])
            {
                if (reached.Add(callee))
                {
                    pending.Enqueue(callee);
                }
            }
        }

        return reached;
    }
}
