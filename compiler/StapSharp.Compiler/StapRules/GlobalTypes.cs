using StapSharp.Compiler.Binding;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.IR;

namespace StapSharp.Compiler.StapRules;

/// <summary>
/// stap has no type declarations for globals: it infers a global's type (a map's key and value
/// types) from the values the script writes to it and the keys it indexes it with, and fails pass 2
/// with "unresolved type" when none tells, e.g. for a map that is only cleared or only iterated, or a
/// scalar only ever assigned from itself; and a statistic needs a <c>&lt;&lt;&lt;</c> (reading its count alone
/// leaves stap "unable to infer statistic parameters"). C# knows every type, so each global the script uses that
/// stap could not type gets an assignment in <c>probe never</c> (<see cref="NeverProbe"/>), which stap
/// types but never runs. Only the code stap keeps counts (<see cref="Elision"/>): a write in a function
/// no probe calls types nothing.
/// </summary>
internal static class GlobalTypes
{
    /// <summary>The assignments typing the globals stap cannot; empty when it types them all.</summary>
    public static List<Statement> Typings(Script script, IEnumerable<GlobalSymbol> globals)
    {
        var inference = new Inference(script);
        var declarations = new Dictionary<string, Global>(StringComparer.Ordinal);
        foreach (var declaration in script.Globals)
        {
            declarations.TryAdd(declaration.Name, declaration);
        }

        var statements = new List<Statement>();
        foreach (var global in globals)
        {
            if (!declarations.TryGetValue(global.Name, out var declared) || declared.Initializer is not null || declared.Argument is not null || !inference.Used.Contains(global.Name))
            {
                continue;
            }

            if (Typing(global, declared.Span, inference) is { } typing)
            {
                statements.Add(typing);
            }
        }

        return statements;
    }

    private static Statement? Typing(GlobalSymbol global, SourceSpan span, Inference inference)
    {
        if (global.Array is { } shape)
        {
            var keysTyped = shape.KeyTypes.Select((_, i) => inference.IsTyped(Slot.Key(global.Name, i))).All(t => t);
            if (keysTyped && inference.IsTyped(Slot.Value(global.Name)))
            {
                return null;
            }

            var element = new ArrayElement(span, shape.ValueType, global.Name, shape.KeyTypes.Select(t => Zero(span, t)).ToList());
            return Write(span, element, shape.ValueType);
        }

        return inference.IsTyped(Slot.Variable(null, global.Name)) ? null : Write(span, new VariableRef(span, global.ScalarType, global.Name), global.ScalarType);
    }

    private static Statement Write(SourceSpan span, Expression target, StapType type) =>
        new ExpressionStatement(span, type == StapType.Stats
            ? new StatsAdd(span, target, Zero(span, StapType.Long))
            : new Assignment(span, type, AssignmentOperator.Assign, target, Zero(span, type)));

    internal static Literal Zero(SourceSpan span, StapType type) =>
        type == StapType.String ? Literal.String(span, string.Empty) : Literal.Long(span, 0);

    /// <summary>What stap can type: a variable (of a body, or global), one key position of an array (0..), or an array's values (-1).</summary>
    private readonly record struct Slot(string? Scope, string Name, int Position)
    {
        public static Slot Variable(string? scope, string name) => new(scope, name, -2);

        public static Slot Key(string array, int position) => new(null, array, position);

        public static Slot Value(string array) => new(null, array, -1);
    }

    /// <summary>
    /// Which slots stap types, as reachability: a literal, an operation or a call types the slot it
    /// flows into; a variable or an element types it once it is typed itself. Linear in the script.
    /// </summary>
    private sealed class Inference
    {
        private readonly HashSet<string> _globalNames;
        private readonly HashSet<Slot> _typed = [];
        private readonly Dictionary<Slot, List<Slot>> _flowsFrom = [];
        private readonly HashSet<Slot> _assigned = [];
        private readonly HashSet<Slot> _read = [];

        public Inference(Script script)
        {
            _globalNames = script.Globals.Select(g => g.Name).ToHashSet(StringComparer.Ordinal);
            var bodies = Elision.KeptFunctions(script).Select((f, i) => (Scope: "function " + i, Body: (Statement)f.Body, Parameters: f.Parameters.Select(p => p.Name)))
                .Concat(script.Aliases.Select((a, i) => (Scope: "alias " + i, Body: (Statement)a.Body, Parameters: Enumerable.Empty<string>())))
                .Concat(script.Probes.Select((p, i) => (Scope: "probe " + i, Body: (Statement)p.Body, Parameters: Enumerable.Empty<string>())));
            foreach (var (scope, body, parameters) in bodies)
            {
                foreach (var parameter in parameters)
                {
                    Type(Slot.Variable(scope, parameter));
                }

                foreach (var node in IrTree.DescendantsAndSelf(body))
                {
                    Collect(scope, node);
                }
            }

            // A local nothing assigns is a probe's context variable or a catch message: stap types those itself.
            foreach (var slot in _read.Where(s => s.Scope is not null && !_assigned.Contains(s)).ToList())
            {
                Type(slot);
            }

            Propagate();
        }

        /// <summary>The globals the script reads, indexes, iterates or deletes.</summary>
        public HashSet<string> Used { get; } = new(StringComparer.Ordinal);

        public bool IsTyped(Slot slot) => _typed.Contains(slot);

        private void Collect(string scope, object node)
        {
            switch (node)
            {
                case VariableRef variable:
                    Use(variable.Name);
                    _read.Add(VariableSlot(scope, variable.Name));
                    break;
                case ArrayElement element:
                    Use(element.Array);
                    for (var i = 0; i < element.Keys.Count; i++)
                    {
                        Flow(scope, element.Keys[i], Slot.Key(element.Array, i));
                    }

                    break;
                case Membership membership:
                    Use(membership.Array);
                    for (var i = 0; i < membership.Keys.Count; i++)
                    {
                        Flow(scope, membership.Keys[i], Slot.Key(membership.Array, i));
                    }

                    break;
                case WholeArray whole:
                    Use(whole.Array);
                    break;
                case Foreach loop:
                    Use(loop.Array);
                    for (var i = 0; i < loop.KeyVariables.Count; i++)
                    {
                        Link(Slot.Key(loop.Array, i), VariableSlot(scope, loop.KeyVariables[i]));
                    }

                    if (loop.ValueVariable is { } value)
                    {
                        Link(Slot.Value(loop.Array), VariableSlot(scope, value));
                    }

                    for (var i = 0; i < (loop.Shape?.Slice?.Count ?? 0); i++)
                    {
                        Flow(scope, loop.Shape!.Slice![i], Slot.Key(loop.Array, i));
                    }

                    break;
                case Assignment assignment when TargetSlot(scope, assignment.Target) is { } target:
                    if (assignment.Operator == AssignmentOperator.Assign)
                    {
                        Flow(scope, assignment.Value, target);
                    }
                    else
                    {
                        Type(target); // += is a long, .= a string
                    }

                    break;
                case Crement { Target: var target } when TargetSlot(scope, target) is { } slot:
                    Type(slot);
                    break;
                case StatsAdd { Target: var target } when TargetSlot(scope, target) is { } slot:
                    Type(slot);
                    break;
            }
        }

        private void Use(string name)
        {
            if (_globalNames.Contains(name))
            {
                Used.Add(name);
            }
        }

        private Slot VariableSlot(string scope, string name) => Slot.Variable(_globalNames.Contains(name) ? null : scope, name);

        private Slot? TargetSlot(string scope, Expression target) => target switch
        {
            VariableRef variable => VariableSlot(scope, variable.Name),
            ArrayElement element => Slot.Value(element.Array),
            _ => null,
        };

        /// <summary>The value of <paramref name="source"/> flows into <paramref name="target"/>.</summary>
        private void Flow(string scope, Expression source, Slot target)
        {
            _assigned.Add(target);
            if (Sources(scope, source) is not { } slots)
            {
                Type(target);
                return;
            }

            foreach (var slot in slots)
            {
                Link(slot, target);
            }
        }

        /// <summary>The slots whose type an expression takes; null when stap types it by its form (a literal, an operation, a call).</summary>
        private List<Slot>? Sources(string scope, Expression expression)
        {
            var slots = new List<Slot>();
            var pending = new Stack<Expression>();
            pending.Push(expression);
            while (pending.Count > 0)
            {
                switch (pending.Pop())
                {
                    case VariableRef variable:
                        slots.Add(VariableSlot(scope, variable.Name));
                        break;
                    case ArrayElement element:
                        slots.Add(Slot.Value(element.Array));
                        break;
                    case Conditional conditional:
                        pending.Push(conditional.WhenTrue);
                        pending.Push(conditional.WhenFalse);
                        break;
                    case ConditionalCompilationExpression conditional:
                        pending.Push(conditional.Then);
                        pending.Push(conditional.Else);
                        break;
                    case Assignment { Operator: AssignmentOperator.Assign } assignment:
                        pending.Push(assignment.Value);
                        break;
                    case Wildcard:
                        break;
                    default:
                        return null;
                }
            }

            return slots;
        }

        private void Link(Slot from, Slot to)
        {
            _assigned.Add(to);
            if (!_flowsFrom.TryGetValue(from, out var targets))
            {
                _flowsFrom[from] = targets = [];
            }

            targets.Add(to);
        }

        private void Type(Slot slot)
        {
            _assigned.Add(slot);
            _typed.Add(slot);
        }

        private void Propagate()
        {
            var pending = new Queue<Slot>(_typed);
            while (pending.Count > 0)
            {
                foreach (var target in _flowsFrom.GetValueOrDefault(pending.Dequeue()) ?? [])
                {
                    if (_typed.Add(target))
                    {
                        pending.Enqueue(target);
                    }
                }
            }
        }
    }
}
