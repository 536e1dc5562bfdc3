using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StapSharp.Compiler.Diagnostics;

namespace StapSharp.Compiler.Binding;

/// <summary>
/// Helper methods that read the probe context: <c>Var</c>, <c>Defined</c>, <c>Entry</c>, <c>ChooseDefined</c>, or
/// another such helper. A stap function cannot see the context of the probe that calls it (<c>@defined($x)</c> is
/// false there, and only DWARF points let a function read <c>$x</c>), so such a helper is inlined: a stap macro
/// (<c>@define name(a) %( ... %)</c>) that stap pastes into each probe using it. A macro holds one expression or
/// statement and cannot call itself; a helper that is not of that shape is reported at its name, never translated
/// as a function that would read nothing. A helper marked <c>[MethodImpl(MethodImplOptions.AggressiveInlining)]</c> is
/// a macro too, under the same rules: it is how C# asks for stap's <c>@define name(a)</c> where a function would do.
/// </summary>
internal sealed class ContextHelpers
{
    private static readonly HashSet<string> ContextOperators = new(StringComparer.Ordinal) { "@entry", "@defined", "@choose_defined" };

    private readonly HashSet<IMethodSymbol> _macros;
    private readonly Dictionary<IMethodSymbol, string> _reads;

    private ContextHelpers(HashSet<IMethodSymbol> macros, Dictionary<IMethodSymbol, string> reads, IReadOnlyList<IMethodSymbol> order)
    {
        _macros = macros;
        _reads = reads;
        InDependencyOrder = order;
    }

    /// <summary>Why a helper is a macro, as a clause after its name: what it reads of the context, or its mark.</summary>
    public string ReadOf(IMethodSymbol macro) => _reads[macro];

    /// <summary>True when a helper is a macro only because it is marked, so its advice is to drop the mark.</summary>
    public bool IsOnlyMarked(IMethodSymbol macro) => _reads[macro] == MarkedInline;

    /// <summary>The clause <see cref="ReadOf"/> gives for a helper marked to be inlined.</summary>
    public const string MarkedInline = "is marked [MethodImpl(MethodImplOptions.AggressiveInlining)]";

    /// <summary>True when <paramref name="method"/> asks to be inlined (<c>[MethodImpl(MethodImplOptions.AggressiveInlining)]</c>).</summary>
    public static bool IsMarkedInline(IMethodSymbol method) =>
        (method.MethodImplementationFlags & System.Reflection.MethodImplAttributes.AggressiveInlining) != 0;

    /// <summary>The helpers inlined as macros, each after the macros its body uses (their facts are needed to bind it).</summary>
    public IReadOnlyList<IMethodSymbol> InDependencyOrder { get; }

    public bool IsMacro(IMethodSymbol method) => _macros.Contains(method);

    /// <summary>Finds the helpers among <paramref name="helpers"/> (a script's ordinary non-probe methods) that read the context; reports those that cannot be inlined.</summary>
    public static ContextHelpers Find(IReadOnlyList<IMethodSymbol> helpers, Compilation compilation, KnownSymbols known, StapDiagnosticBag diagnostics)
    {
        var candidates = new HashSet<IMethodSymbol>(helpers, SymbolEqualityComparer.Default);
        var calls = new Dictionary<IMethodSymbol, List<IMethodSymbol>>(SymbolEqualityComparer.Default);
        var reads = new Dictionary<IMethodSymbol, string>(SymbolEqualityComparer.Default);
        foreach (var helper in helpers)
        {
            var (read, callees) = Scan(helper, candidates, compilation, known);
            calls[helper] = callees;
            if (read is not null)
            {
                reads[helper] = read;
            }
        }

        // A helper that calls a reader reads the context too: through the callee, which is pasted into it.
        var callers = new Dictionary<IMethodSymbol, List<IMethodSymbol>>(SymbolEqualityComparer.Default);
        foreach (var (caller, callees) in calls)
        {
            foreach (var callee in callees)
            {
                if (!callers.TryGetValue(callee, out var list))
                {
                    callers[callee] = list = [];
                }

                list.Add(caller);
            }
        }

        var pending = new Queue<IMethodSymbol>(reads.Keys);
        while (pending.Count > 0)
        {
            var callee = pending.Dequeue();
            foreach (var caller in callers.GetValueOrDefault(callee) ?? [])
            {
                if (reads.TryAdd(caller, $"through '{callee.Name}'"))
                {
                    pending.Enqueue(caller);
                }
            }
        }

        foreach (var (helper, read) in reads.ToList())
        {
            reads[helper] = $"reads the probe context ({read}), which a stap function cannot see (@defined is false there, and only some probe points let a function read $variables)";
        }

        // A marked helper is a macro, but it does not make its callers read the context: a function may use a macro.
        foreach (var helper in helpers.Where(h => IsMarkedInline(h) && !reads.ContainsKey(h)))
        {
            reads[helper] = MarkedInline;
        }

        var macros = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        var recursive = Recursive(reads.Keys, calls, reads);
        foreach (var helper in helpers.Where(reads.ContainsKey))
        {
            var refusal = recursive.TryGetValue(helper, out var through)
                ? $"it calls itself{(through is null ? string.Empty : $" through '{through.Name}'")}, and a macro cannot be pasted into itself: {PlainFunctionAdvice(reads[helper] == MarkedInline, "so that the recursive part is a plain function")}"
                : NotOneExpression(helper, reads[helper] == MarkedInline);
            if (refusal is null)
            {
                macros.Add(helper);
            }
            else
            {
                diagnostics.Report(DiagnosticCatalog.ContextHelperNotInlinable, helper.Locations[0], helper.Name, reads[helper], refusal);
            }
        }

        return new ContextHelpers(macros, reads, DependencyOrder(helpers.Where(macros.Contains).ToList(), calls, macros));
    }

    /// <summary>Why the body is not one expression a macro can hold; null when it is.</summary>
    private static string? NotOneExpression(IMethodSymbol method, bool marked)
    {
        var body = ScriptMembers.BodyOf(method);
        var single = body?.ExpressionBody is not null || body?.Body?.Statements is [ReturnStatementSyntax { Expression: not null }] ||
                     (method.ReturnsVoid && body?.Body?.Statements is [ExpressionStatementSyntax]);
        return single ? null : Advice(marked, "its body is not one expression, and a macro holds one");
    }

    /// <summary>The refusal text for a helper whose body a macro cannot hold, with advice that works when followed.</summary>
    public static string Advice(bool marked, string why) =>
        $"{why}: write the body as one expression (static long Fd() => Var.Long(\"fd\");, with ?: for a choice), or {PlainFunctionAdvice(marked, "to make it a stap function")}";

    /// <summary>How a helper stops being a macro: a marked one drops its mark, a reader of the context gets the value passed in.</summary>
    private static string PlainFunctionAdvice(bool marked, string purpose) =>
        marked
            ? $"remove [MethodImpl(MethodImplOptions.AggressiveInlining)] {purpose}"
            : $"read the context in the probe and pass the value as a parameter, {purpose}";

    /// <summary>What in the body reads the context directly (its text), and the script helpers it calls.</summary>
    private static (string? Read, List<IMethodSymbol> Callees) Scan(IMethodSymbol method, HashSet<IMethodSymbol> candidates, Compilation compilation, KnownSymbols known)
    {
        var callees = new List<IMethodSymbol>();
        string? read = null;
        if (ScriptMembers.BodyOf(method) is not { } body)
        {
            return (null, callees);
        }

        var model = compilation.GetSemanticModel(body.SyntaxTree);
        foreach (var name in body.DescendantNodes().OfType<SimpleNameSyntax>())
        {
            switch (model.GetSymbolInfo(name).Symbol)
            {
                case IMethodSymbol called when candidates.Contains(called.OriginalDefinition):
                    callees.Add((IMethodSymbol)called.OriginalDefinition);
                    break;
                case { } symbol when read is null && ReadsContext(symbol, known):
                    read = name.Parent is MemberAccessExpressionSyntax member && member.Name == name ? member.ToString() : name.ToString();
                    break;
            }
        }

        return (read, callees);
    }

    private static bool ReadsContext(ISymbol symbol, KnownSymbols known) =>
        KnownSymbols.Is(symbol.ContainingType, known.Var) ||
        symbol is IMethodSymbol method && KnownSymbols.Is(method.ContainingType, known.Stap) && known.StapFunctionName(method) is { } name && ContextOperators.Contains(name);

    /// <summary>
    /// The readers on a cycle of calls among readers, each with another reader of its cycle that it calls (null for
    /// a method that calls itself): the strongly connected components of the calls (Kosaraju, with explicit stacks).
    /// </summary>
    private static Dictionary<IMethodSymbol, IMethodSymbol?> Recursive(
        IEnumerable<IMethodSymbol> readers, Dictionary<IMethodSymbol, List<IMethodSymbol>> calls, Dictionary<IMethodSymbol, string> reads)
    {
        List<IMethodSymbol> Callees(IMethodSymbol m) => calls[m].Where(reads.ContainsKey).ToList();
        var nodes = readers.ToList();
        var callers = new Dictionary<IMethodSymbol, List<IMethodSymbol>>(SymbolEqualityComparer.Default);
        foreach (var node in nodes)
        {
            callers[node] = [];
        }

        foreach (var node in nodes)
        {
            foreach (var callee in Callees(node))
            {
                callers[callee].Add(node);
            }
        }

        // First pass: the order in which each node's search finishes.
        var finished = new List<IMethodSymbol>();
        var visited = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        foreach (var root in nodes.Where(visited.Add))
        {
            var stack = new Stack<(IMethodSymbol Node, IEnumerator<IMethodSymbol> Next)>();
            stack.Push((root, Callees(root).GetEnumerator()));
            while (stack.Count > 0)
            {
                var (node, next) = stack.Peek();
                if (next.MoveNext())
                {
                    if (visited.Add(next.Current))
                    {
                        stack.Push((next.Current, Callees(next.Current).GetEnumerator()));
                    }
                }
                else
                {
                    stack.Pop();
                    finished.Add(node);
                }
            }
        }

        // Second pass, on the reversed calls in reverse finishing order: each search is one component.
        var component = new Dictionary<IMethodSymbol, int>(SymbolEqualityComparer.Default);
        for (var i = finished.Count - 1; i >= 0; i--)
        {
            if (component.ContainsKey(finished[i]))
            {
                continue;
            }

            var stack = new Stack<IMethodSymbol>([finished[i]]);
            component[finished[i]] = i;
            while (stack.Count > 0)
            {
                foreach (var caller in callers[stack.Pop()].Where(c => component.TryAdd(c, i)))
                {
                    stack.Push(caller);
                }
            }
        }

        var result = new Dictionary<IMethodSymbol, IMethodSymbol?>(SymbolEqualityComparer.Default);
        foreach (var node in nodes)
        {
            var callees = Callees(node);
            if (callees.Contains(node, SymbolEqualityComparer.Default))
            {
                result[node] = null;
            }
            else if (callees.FirstOrDefault(c => component[c] == component[node]) is { } partner)
            {
                result[node] = partner;
            }
        }

        return result;
    }

    /// <summary>The macros with every macro a body uses before it (the calls among macros have no cycle: those were refused).</summary>
    private static List<IMethodSymbol> DependencyOrder(List<IMethodSymbol> macros, Dictionary<IMethodSymbol, List<IMethodSymbol>> calls, HashSet<IMethodSymbol> isMacro)
    {
        var order = new List<IMethodSymbol>();
        var done = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        foreach (var root in macros)
        {
            // Depth-first with an explicit stack: a method is added after all its callees.
            var stack = new Stack<(IMethodSymbol Method, bool Expanded)>();
            stack.Push((root, false));
            while (stack.Count > 0)
            {
                var (method, expanded) = stack.Pop();
                if (expanded)
                {
                    if (done.Add(method))
                    {
                        order.Add(method);
                    }

                    continue;
                }

                if (done.Contains(method))
                {
                    continue;
                }

                stack.Push((method, true));
                foreach (var callee in calls[method].Where(isMacro.Contains).Where(c => !done.Contains(c)))
                {
                    stack.Push((callee, false));
                }
            }
        }

        return order;
    }
}
