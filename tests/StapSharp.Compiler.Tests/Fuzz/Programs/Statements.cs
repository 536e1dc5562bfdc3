using CsCheck;

namespace StapSharp.Compiler.Tests.Fuzz.Programs;

/// <summary>
/// Statements of probe and function bodies. Each generator returns the statements and the scope
/// after them (a declaration adds a variable; a nested block's names stay taken, as C# wants).
/// </summary>
internal static class Statements
{
    public const int MaxDepth = 2;

    private const int MaxStatements = 3;

    /// <summary>A block of statements in a nested scope.</summary>
    public static Gen<(Block Block, Scope Scope)> Block(Scope scope) =>
        Gen.Int[1, MaxStatements].SelectMany(count =>
            Choose.Sequence<IReadOnlyList<Stmt>, Scope>(count, scope.Nested(), One).Select(result =>
                (new Block(result.Items.SelectMany(s => s).ToList()), scope.After(result.State))));

    /// <summary>The statements of a method body at its top level (the scope's own block).</summary>
    public static Gen<(IReadOnlyList<Stmt> Statements, Scope Scope)> List(Scope scope, int min, int max) =>
        Gen.Int[min, max].SelectMany(count =>
            Choose.Sequence<IReadOnlyList<Stmt>, Scope>(count, scope, One).Select(result =>
                ((IReadOnlyList<Stmt>)result.Items.SelectMany(s => s).ToList(), result.State)));

    /// <summary>One statement, or a few that belong together (a counter and its while loop).</summary>
    public static Gen<(IReadOnlyList<Stmt> Statements, Scope Scope)> One(Scope scope)
    {
        var nested = scope.Depth < MaxDepth;
        var depth = 2;
        var context = scope.Class;
        return Choose.Weighted(
            (5, () => Declaration(scope)),
            (4, Choose.If(scope.Variables.Any(v => v.Assignable), () => Assignment(scope).Select(Alone))),
            (4, () => Print(scope).Select(Alone)),
            (3, Choose.If(scope.WritableMaps.Any(), () => MapStatement(scope).Select(Alone))),
            (2, Choose.If(context.Stats.Count > 0 || scope.WritableMaps.Any(m => m.Value == MapValue.Stats), () => StatsStatement(scope).Select(Alone))),
            (2, Choose.If(scope.CallableFunctions.Count > 0, () => Choose.Element(scope.CallableFunctions).SelectMany(f => Expressions.CallOf(f, scope, depth - 1))
                .Select(call => Alone((new ExpressionStatement(CSharp.Of(call)), scope))))),
            (2, Choose.If(context.Events.Count > 0, () => Emit(scope).Select(Alone))),
            (3, Choose.If(nested, () => IfChain(scope))),
            (2, Choose.If(nested, () => WhileLoop(scope))),
            (2, Choose.If(nested, () => ForLoop(scope))),
            (3, Choose.If(nested && context.Maps.Count > 0, () => Loops.Foreach(scope))),
            (1, Choose.If(nested, () => KernelCondition(scope))),
            (1, Choose.If(nested, () => Try(scope))),
            (2, Choose.If(scope.InLoop, () => Gen.OneOf("break", "continue").SelectMany(keyword =>
                Expressions.Bool(scope, 1).Select(c => Alone((new If(c, new Jump(keyword), null), scope)))))),
            (1, () => Return(scope).Select(Alone)));
    }

    private static (IReadOnlyList<Stmt>, Scope) Alone((Stmt Statement, Scope Scope) result) => ([result.Statement], result.Scope);

    /// <summary><c>long n = ...;</c>, <c>bool b = ...;</c>, <c>string s = ...;</c> or <c>var v = ...;</c> with a literal.</summary>
    private static Gen<(IReadOnlyList<Stmt>, Scope)> Declaration(Scope scope) =>
        Gen.Select(Gen.OneOf(ValueKind.Long, ValueKind.Long, ValueKind.Bool, ValueKind.String), FuzzNames.Variable(scope.Features, scope.Taken), (kind, name) => (kind, name))
            .SelectMany(d => Expressions.Of(d.kind, scope, 2).Select(value =>
            {
                var type = d.kind == ValueKind.Long && value is Atom { Text: "1000000000000" or "123L" or "long.MaxValue" } ? "var" : MapGlobal.TypeName(d.kind);
                type = d.kind == ValueKind.String && value is Atom ? "var" : type;
                return ((IReadOnlyList<Stmt>)[new LocalDeclaration(type, d.name, value)], scope.Declare(new Variable(d.name, d.kind)));
            }));

    private static Gen<(Stmt, Scope)> Assignment(Scope scope)
    {
        var targets = scope.Variables.Where(v => v.Assignable).ToList();
        return Choose.Element(targets).SelectMany(target => target.Kind switch
        {
            ValueKind.Long => Choose.Weighted(
                (3, () => Gen.Select(Gen.OneOf("=", "+=", "-=", "*=", "&=", "|=", "^="), Expressions.Long(scope, 2), (op, value) => $"{target.Name} {op} {CSharp.Of(value)}")),
                (1, () => Gen.Select(Gen.OneOf("/=", "%="), Literals.NonZero, (op, value) => $"{target.Name} {op} {CSharp.Of(value)}")),
                // >>>= has no stap form (the translator says so): x = x >>> n is the documented spelling.
                (1, () => Gen.Select(Gen.OneOf("<<=", ">>="), Literals.ShiftCount, (op, value) => $"{target.Name} {op} {CSharp.Of(value)}")),
                (2, () => scope.Features.PrefixIncrementStatements
                    ? Gen.OneOf($"{target.Name}++", $"{target.Name}--", $"++{target.Name}", $"--{target.Name}")
                    : Gen.OneOf($"{target.Name}++", $"{target.Name}--"))),
            ValueKind.Bool => Gen.Select(Gen.OneOf("=", "&=", "|=", "^="), Expressions.Bool(scope, 2), (op, value) => $"{target.Name} {op} {CSharp.Of(value)}"),
            _ => Gen.Select(Gen.OneOf("=", "+="), Expressions.String(scope, 2), (op, value) => $"{target.Name} {op} {CSharp.Of(value)}"),
        }).Select(text => ((Stmt)new ExpressionStatement(text), scope));
    }

    /// <summary>Output: Println/Print of a long or string, interpolated strings, Printf, Log, histograms.</summary>
    private static Gen<(Stmt, Scope)> Print(Scope scope) => Choose.Weighted(
        (3, () => Gen.Select(Gen.OneOf("Println", "Print"), Expressions.Interpolation(scope, 2), (f, s) => $"{f}({CSharp.Of(s)})")),
        (3, () => Formats.Printf(scope, 2)),
        (2, () => Gen.Select(Gen.OneOf("Println", "Print", "Log"), Expressions.String(scope, 2), (f, s) => $"{f}({CSharp.Of(s)})")),
        (2, () => Gen.Select(Gen.OneOf("Println", "Print"), Expressions.Long(scope, 2), (f, n) => $"{f}({CSharp.Of(n)})")),
        (1, () => Gen.Const("Println()")),
        (1, Choose.If(scope.StatsHere.Any(s => s.NeverEmpty), () => Choose.Element(scope.StatsHere.Where(s => s.NeverEmpty).ToList())
            .SelectMany(s => Gen.OneOf("Print", "Println").Select(f => $"{f}({s.Text}.{s.Histogram})")))))
        .Select(text => ((Stmt)new ExpressionStatement(text), scope));

    /// <summary>Map changes: set, ++, +=, Remove, RemoveMatching, Clear; never on a map a surrounding foreach walks.</summary>
    private static Gen<(Stmt, Scope)> MapStatement(Scope scope) =>
        Choose.Element(scope.WritableMaps.ToList()).SelectMany(map =>
        {
            var element = Expressions.Key(map, scope, 1).Select(key => $"{map.Name}[{key}]");
            return Choose.Weighted(
                (4, Choose.If(map.Value == MapValue.Long, () => Gen.Select(element, Gen.OneOf(" = ", " += ", " -= "), Expressions.Long(scope, 2), (e, op, v) => e + op + CSharp.Of(v)))),
                (2, Choose.If(map.Value == MapValue.Long, () => Gen.Select(element, Gen.OneOf("++", "--"), (e, op) => e + op))),
                (4, Choose.If(map.Value == MapValue.String, () => Gen.Select(element, Gen.OneOf(" = ", " += "), Expressions.String(scope, 2), (e, op, v) => e + op + CSharp.Of(v)))),
                (2, Choose.If(map.Value == MapValue.Stats, () => Gen.Select(element, Expressions.Long(scope, 2), (e, v) => $"{e}.Add({CSharp.Of(v)})"))),
                (1, () => Expressions.Key(map, scope, 1).Select(key => $"{map.Name}.Remove({key})")),
                (1, Choose.If(map.Keys.Count > 1, () => Expressions.Pattern(map, scope).Select(p => $"{map.Name}.RemoveMatching({p})"))),
                (1, () => Gen.Const($"{map.Name}.Clear()")));
        }).Select(text => ((Stmt)new ExpressionStatement(text), scope));

    /// <summary>Add to a statistic, empty it, or print its histogram behind the guard stap needs.</summary>
    private static Gen<(Stmt, Scope)> StatsStatement(Scope scope) =>
        Expressions.StatsTargets(scope, 1, forWriting: true).SelectMany(stats => Choose.Weighted<Stmt>(
            (4, () => Expressions.Long(scope, 2).Select(v => (Stmt)new ExpressionStatement($"{stats.Text}.Add({CSharp.Of(v)})"))),
            (1, Choose.If(Clearable(stats, scope), () => Gen.Const((Stmt)new ExpressionStatement($"{stats.Text}.Clear()")))),
            (2, () => Gen.OneOf("Print", "Println").Select(f =>
                (Stmt)new If(Expressions.NotEmpty(stats), new ExpressionStatement($"{f}({stats.Text}.{stats.Histogram})"), null)))))
        .Select(statement => (statement, scope));

    /// <summary>A Stats field, or an element of a map no surrounding foreach walks (a foreach element is that map's).</summary>
    private static bool Clearable(StatsTarget stats, Scope scope) =>
        !stats.NeverEmpty && (!stats.Text.Contains('[') || scope.WritableMaps.Any(m => stats.Text.StartsWith(m.Name + "[", StringComparison.Ordinal)));

    /// <summary><c>Emit(new Event(...))</c> with positional or named arguments.</summary>
    private static Gen<(Stmt, Scope)> Emit(Scope scope) =>
        Choose.Element(scope.Class.Events).SelectMany(e => EventFields.Emit(e, scope, scope.Class.EnumName))
            .Select(text => ((Stmt)new ExpressionStatement(text), scope));

    /// <summary><c>if</c>, <c>else if</c> chains of up to four, with or without a final <c>else</c>.</summary>
    private static Gen<(IReadOnlyList<Stmt>, Scope)> IfChain(Scope scope) =>
        Gen.Select(Gen.Int[1, 4], Gen.Bool, (length, withElse) => (length, withElse)).SelectMany(shape =>
            Branches(scope, shape.length, shape.withElse).Select(result => ((IReadOnlyList<Stmt>)[result.Statement], result.Scope)));

    private static Gen<(Stmt Statement, Scope Scope)> Branches(Scope scope, int length, bool withElse) =>
        Gen.Select(Expressions.Bool(scope, 2), Block(scope), (condition, then) => (condition, then)).SelectMany(first =>
        {
            var after = scope.After(first.then.Scope);
            if (length > 1)
            {
                return Branches(after, length - 1, withElse).Select(rest => ((Stmt)new If(first.condition, first.then.Block, rest.Statement), rest.Scope));
            }

            if (withElse)
            {
                return Block(after).Select(otherwise => ((Stmt)new If(first.condition, first.then.Block, otherwise.Block), after.After(otherwise.Scope)));
            }

            return Gen.Const(((Stmt)new If(first.condition, first.then.Block, null), after));
        });

    /// <summary>A counter and a while loop that advances it.</summary>
    private static Gen<(IReadOnlyList<Stmt>, Scope)> WhileLoop(Scope scope) =>
        FuzzNames.Variable(scope.Features, scope.Taken).SelectMany(counter =>
        {
            var withCounter = scope.Declare(new Variable(counter, ValueKind.Long));
            var body = withCounter with { InLoop = true };
            return Gen.Select(Gen.Int[1, 10], Block(body), (bound, block) =>
            {
                Stmt loop = new While(
                    new Binary(ValueKind.Bool, "<", new Name(ValueKind.Long, counter), new Atom(ValueKind.Long, bound.ToString(System.Globalization.CultureInfo.InvariantCulture))),
                    new Block([new ExpressionStatement(counter + "++"), .. block.Block.Statements]));
                return ((IReadOnlyList<Stmt>)[new LocalDeclaration("long", counter, new Atom(ValueKind.Long, "0")), loop], withCounter.After(block.Scope) with { InLoop = scope.InLoop });
            });
        });

    private static Gen<(IReadOnlyList<Stmt>, Scope)> ForLoop(Scope scope) =>
        FuzzNames.Variable(scope.Features, scope.Taken).SelectMany(counter =>
        {
            var body = scope.Declare(new Variable(counter, ValueKind.Long)) with { InLoop = true };
            return Gen.Select(Expressions.Long(scope, 1), Expressions.Long(body, 1), Gen.OneOf("++", "--", " += 2"), Block(body), (start, bound, step, block) =>
            {
                var increment = step.StartsWith(' ') ? counter + step : counter + step;
                Stmt loop = new For(counter, start, new Binary(ValueKind.Bool, step == "--" ? ">" : "<", new Name(ValueKind.Long, counter), bound), increment, block.Block);
                return ((IReadOnlyList<Stmt>)[loop], scope.After(block.Scope));
            });
        });

    /// <summary>A build-time condition on the kernel: <c>if (Kernel...)</c> with &amp;&amp;, || and !.</summary>
    private static Gen<(IReadOnlyList<Stmt>, Scope)> KernelCondition(Scope scope) =>
        Gen.Select(KernelFacts.Condition(2), Block(scope), Gen.Bool, (condition, then, withElse) => (condition, then, withElse)).SelectMany(c =>
        {
            var after = scope.After(c.then.Scope);
            return c.withElse
                ? Block(after).Select(otherwise => ((IReadOnlyList<Stmt>)[new If(c.condition, c.then.Block, otherwise.Block)], after.After(otherwise.Scope)))
                : Gen.Const(((IReadOnlyList<Stmt>)[new If(c.condition, c.then.Block, null)], after));
        });

    private static Gen<(IReadOnlyList<Stmt>, Scope)> Try(Scope scope) =>
        FuzzNames.Variable(scope.Features, scope.Taken).SelectMany(variable =>
            Block(scope).SelectMany(body =>
            {
                var handlerScope = scope.After(body.Scope).Take(variable);
                return Block(handlerScope.Declare(new Variable(variable + ".Message", ValueKind.String, Assignable: false))).Select(handler =>
                    ((IReadOnlyList<Stmt>)[new TryCatch(body.Block, variable, handler.Block)], handlerScope.After(handler.Scope)));
            }));

    /// <summary><c>return;</c> in a probe (stap's next), <c>return value;</c> in a function, behind a condition so code after it stays reachable.</summary>
    private static Gen<(Stmt, Scope)> Return(Scope scope) =>
        Gen.Select(Expressions.Bool(scope, 1), scope.Returns is { } kind ? Expressions.Of(kind, scope, 2).Select(v => (Expr?)v) : Gen.Const((Expr?)null),
            (condition, value) => ((Stmt)new If(condition, new Jump("return", value), null), scope));
}
