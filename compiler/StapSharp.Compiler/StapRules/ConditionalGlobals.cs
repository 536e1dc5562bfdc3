using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.IR;

namespace StapSharp.Compiler.StapRules;

/// <summary>
/// A global declared under a condition (<c>[BuildIf]</c>) exists only where the condition holds: a probe built
/// under the same condition may use it, anything built without it may not (stap fails to resolve an array
/// there, and reads a scalar as a local of the same name). A macro is checked in each probe it is pasted into.
/// </summary>
internal static class ConditionalGlobals
{
    public static void Check(Script script, StapDiagnosticBag diagnostics)
    {
        var conditional = script.Globals.Where(g => g.Condition is not null).ToDictionary(g => g.Name, StringComparer.Ordinal);
        if (conditional.Count == 0)
        {
            return;
        }

        var macros = script.Functions.Where(f => f.IsMacro).GroupBy(f => f.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var probe in script.Probes)
        {
            Check(probe.Body, probe.Condition, "this probe", conditional, macros, diagnostics);
        }

        foreach (var function in script.Functions.Where(f => !f.IsMacro))
        {
            Check(function.Body, null, $"the function {function.Name}", conditional, macros, diagnostics);
        }

        foreach (var alias in script.Aliases)
        {
            Check(alias.Body, null, $"the alias {alias.Name}", conditional, macros, diagnostics);
        }
    }

    private static void Check(
        Block body, DeclarationCondition? built, string what, Dictionary<string, Global> conditional, Dictionary<string, Function> macros, StapDiagnosticBag diagnostics)
    {
        var pasted = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<object>([body]);
        while (pending.Count > 0)
        {
            var root = pending.Pop();
            foreach (var node in IrTree.DescendantsAndSelf(root))
            {
                if (node is Call { IsMacro: true } use && macros.TryGetValue(use.Function, out var macro) && pasted.Add(use.Function))
                {
                    pending.Push(macro.Body);
                }

                if (GlobalOf(node) is { } name && conditional.TryGetValue(name, out var global) && !global.Condition!.IsSameAs(built))
                {
                    var condition = global.Condition!;
                    var span = node is Expression expression ? expression.Span : ((Statement)node).Span;
                    diagnostics.Add(DiagnosticCatalog.ConditionalGlobalUsed.At(span,
                        name,
                        $"{condition.Property} {(condition.Otherwise ? "does not hold" : "holds")}",
                        what,
                        built is null ? "without a condition" : $"when {built.Property} {(built.Otherwise ? "does not hold" : "holds")}",
                        condition.Property,
                        condition.Otherwise ? ", Otherwise = true" : string.Empty));
                }
            }
        }
    }

    /// <summary>The global a node names, if any (a variable, an element, a whole array, a membership or a foreach).</summary>
    public static string? GlobalOf(object node) => node switch
    {
        VariableRef variable => variable.Name,
        ArrayElement element => element.Array,
        WholeArray whole => whole.Array,
        Membership membership => membership.Array,
        Foreach loop => loop.Array,
        _ => null,
    };
}
