using System.Collections.Immutable;
using System.Globalization;
using CsCheck;

namespace StapSharp.Compiler.Tests.Fuzz.Programs;

/// <summary>A generated source file and what the generator knows about it.</summary>
internal sealed record GeneratedProgram(ProgramSource Source, string Path)
{
    public string Text => Source.ToString();

    /// <summary>CsCheck prints a failing sample with this: the C# source.</summary>
    public override string ToString() => $"// {Path}\n{Text}";
}

/// <summary>
/// Random, well-typed probe scripts: globals of every kind (scalars, script arguments, private
/// ones, maps with tuple keys and Stats values, statistics), functions with parameters that may
/// shadow globals, probes on points that stap resolves without debuginfo, a probe alias, typed
/// events, guru-mode embedded C, all in a namespace or nested in outer classes. Every program is
/// valid C#; the translator may accept it or reject it with a diagnostic, never crash.
/// </summary>
internal static class ProgramGenerator
{
    private static readonly string[] PlainPoints = ["begin", "end", "timer.s(1)", "timer.ms(100)", "never", "begin(5)", "timer.jiffies(10)", "end(-1)"];

    private static readonly string[] EventNames = ["Ev", "Событие", "Ïvent", "@event", "Tick"];

    public static Gen<GeneratedProgram> Programs(FuzzFeatures features) =>
        Gen.Select(Choose.Element(FuzzNames.Namespaces), Gen.Int[0, 2], Gen.Frequency((3, Gen.Const(1)), (1, Gen.Const(2))), (ns, outer, classes) => (ns, outer, classes)).SelectMany(shape =>
            Gen.Int[0, 2].SelectMany(eventCount => Gen.Int[0, EventNames.Length - 1].SelectMany(firstEvent =>
            {
                var enumName = "Mode";
                var eventNames = Enumerable.Range(0, eventCount).Select(i => EventNames[(firstEvent + i) % EventNames.Length]).ToList();
                return Expressions.Combine(eventNames.Select(n => EventFields.Type(features, n, enumName)).ToList()).SelectMany(events =>
                    Choose.Sequence<ProbeClass, ImmutableHashSet<string>>(shape.classes, [.. eventNames.Select(FuzzNames.Key), enumName], taken =>
                        Class(features, taken, events, enumName).Select(c => (c, taken.Add(FuzzNames.Key(c.Identifier)))))
                    .Select(classes =>
                    {
                        var outers = Enumerable.Range(0, shape.outer).Select(i => i == 0 ? "Outer" : "@static").ToList();
                        var types = events.Count == 0 ? [] : events.Select(EventFields.Declaration).Prepend(EventFields.EnumDeclaration(enumName)).ToList();
                        return new GeneratedProgram(new ProgramSource(shape.ns, outers, types, classes.Items), "Probes.cs");
                    }));
            })));

    /// <summary>One probe class: globals, functions, probes, maybe an alias and embedded C.</summary>
    private static Gen<ProbeClass> Class(FuzzFeatures features, ImmutableHashSet<string> typeNames, IReadOnlyList<EventType> events, string enumName) =>
        Gen.Select(Choose.Element(FuzzNames.ClassNames), Gen.Int[0, 9], (name, guru) => (name: FuzzNames.Unique(name, typeNames), guru: guru == 0)).SelectMany(head =>
        {
            var start = new ClassContext(features, [FuzzNames.Key(head.name)], [], [], [], [], [.. events], enumName);
            return Globals(start).SelectMany(globals =>
                Functions(globals.Context, head.guru).SelectMany(functions =>
                    Probes(functions.Context).Select(probes =>
                        new ProbeClass(head.name, head.guru ? ["[Guru]"] : [], [.. globals.Fields, .. Initializer(functions.Context), .. functions.Members, .. probes]))));
        });

    /// <summary>A begin probe that writes every global once (stap infers a global's type from what is written to it).</summary>
    private static IEnumerable<Member> Initializer(ClassContext context)
    {
        if (context.Features.UnwrittenGlobals || context.Globals.Count + context.Maps.Count + context.Stats.Count == 0)
        {
            yield break;
        }

        var writes = new List<Stmt>();
        foreach (var global in context.Globals)
        {
            writes.Add(new ExpressionStatement($"{global.Name} = {global.Kind switch { ValueKind.Long => "0", ValueKind.Bool => "false", _ => "\"\"" }}"));
        }

        foreach (var map in context.Maps)
        {
            var key = string.Join(", ", map.Keys.Select(k => k == ValueKind.Long ? "0" : "\"\""));
            key = map.Keys.Count == 1 ? key : $"({key})";
            writes.Add(new ExpressionStatement(map.Value switch
            {
                MapValue.Long => $"{map.Name}[{key}] = 0",
                MapValue.String => $"{map.Name}[{key}] = \"\"",
                _ => $"{map.Name}[{key}].Add(0)",
            }));
        }

        writes.AddRange(context.Stats.Select(s => new ExpressionStatement($"{s.Text}.Add(0)")));
        yield return new Method(["[Probe(\"begin\")]"], $"void {FuzzNames.Unique("Initialize", context.MemberNames)}()", new Block(writes));
    }

    /// <summary>Scalar globals (some script arguments, some private, some constants), maps, statistics; twins when the feature is on.</summary>
    private static Gen<(IReadOnlyList<Member> Fields, ClassContext Context)> Globals(ClassContext context) =>
        Gen.Select(Gen.Int[0, 4], Gen.Int[0, 3], Gen.Int[0, 2], (scalars, maps, stats) => (scalars, maps, stats)).SelectMany(counts =>
            Choose.Sequence<Member, (ClassContext Context, int Position)>(counts.scalars, (context, 1), Scalar).SelectMany(s =>
                Choose.Sequence<Member, ClassContext>(counts.maps, s.State.Context, Map).SelectMany(m =>
                    Choose.Sequence<Member, ClassContext>(counts.stats, m.State, Statistic).Select(st =>
                    {
                        var fields = new List<Member>([.. s.Items, .. m.Items, .. st.Items]);
                        var result = st.State;
                        if (context.Features.SpelledTwins)
                        {
                            foreach (var (first, second) in FuzzNames.SpelledTwins.Where(t => !result.MemberNames.Contains(FuzzNames.Key(t.Item1)) && !result.MemberNames.Contains(FuzzNames.Key(t.Item2))).Take(2))
                            {
                                fields.Add(new Field($"static long {first} = 1;"));
                                fields.Add(new Field($"static long {second} = 2;"));
                                result = result with
                                {
                                    MemberNames = result.MemberNames.Add(FuzzNames.Key(first)).Add(FuzzNames.Key(second)),
                                    Globals = result.Globals.Add(new Variable(first, ValueKind.Long)).Add(new Variable(second, ValueKind.Long)),
                                };
                            }
                        }

                        return ((IReadOnlyList<Member>)fields, result);
                    }))));

    private static Gen<(Member, (ClassContext, int))> Scalar((ClassContext Context, int Position) state) =>
        Gen.Select(Gen.OneOf(ValueKind.Long, ValueKind.Bool, ValueKind.String), FuzzNames.Variable(state.Context.Features, state.Context.MemberNames), Gen.Int[0, 5], Literals.Long, Literals.String,
            (kind, name, form, longValue, stringValue) =>
            {
                var type = MapGlobal.TypeName(kind);
                var value = kind switch { ValueKind.Long => CSharp.Of(longValue), ValueKind.Bool => form % 2 == 0 ? "true" : "false", _ => CSharp.Of(stringValue) };
                var position = state.Position;
                var text = form switch
                {
                    0 when kind != ValueKind.Bool => $"[ScriptArgument({position++})] static {type} {name} = {value};",
                    1 => $"private static {type} {name} = {value};",
                    2 => $"static {type} {name};",
                    3 when kind == ValueKind.Long && longValue.IsConstant => $"const long {name} = {value};",
                    _ => $"static {type} {name} = {value};",
                };
                var context = state.Context with { MemberNames = state.Context.MemberNames.Add(FuzzNames.Key(name)) };
                // A const is inlined: it reads like a literal (and C# folds it with others).
                context = text.StartsWith("const", StringComparison.Ordinal) ? context : context with { Globals = context.Globals.Add(new Variable(name, kind)) };
                return ((Member)new Field(text), (context, position));
            });

    private static Gen<(Member, ClassContext)> Map(ClassContext context) =>
        Gen.Select(Gen.OneOf(ValueKind.Long, ValueKind.String).Array[1, 3], Gen.OneOf(MapValue.Long, MapValue.String, MapValue.Stats),
            Gen.OneOf("new()", "new()", "new(maxEntries: 100)", "new(wrap: true)", "new(maxEntries: 10, wrap: true)", "TYPED"),
            FuzzNames.Variable(context.Features, context.MemberNames),
            (keys, value, construction, name) =>
            {
                var map = new MapGlobal(name, keys, value);
                var type = $"StapMap<{map.KeyType}, {map.ValueType}>";
                var creation = construction == "TYPED" ? $"new {type}()" : construction;
                return ((Member)new Field($"static readonly {type} {name} = {creation};"),
                    context with { MemberNames = context.MemberNames.Add(FuzzNames.Key(name)), Maps = context.Maps.Add(map) });
            });

    private static Gen<(Member, ClassContext)> Statistic(ClassContext context) =>
        Gen.Select(FuzzNames.Variable(context.Features, context.MemberNames), Gen.OneOf("HistLog()", "HistLinear(0, 1000, 50)", "HistLinear(-10, 10, 1)"), (name, histogram) =>
            ((Member)new Field($"static readonly Stats {name} = new();"),
                context with { MemberNames = context.MemberNames.Add(FuzzNames.Key(name)), Stats = context.Stats.Add(new StatsTarget(name, histogram)) }));

    /// <summary>Functions, each able to call the ones before it; embedded C in a guru class.</summary>
    private static Gen<(IReadOnlyList<Member> Members, ClassContext Context)> Functions(ClassContext context, bool guru) =>
        Gen.Int[0, 2].SelectMany(count => Choose.Sequence<Member, ClassContext>(count, context, Function)).Select(result =>
        {
            if (!guru)
            {
                return (result.Items, result.State);
            }

            var name = FuzzNames.Unique("AddOne", result.State.MemberNames);
            var embedded = new Method([$"[EmbeddedC(\"/* pure */ STAP_RETVALUE = STAP_ARG_a + 1;\")]"], $"static extern long {name}(long a);", null);
            var signature = new FunctionSignature(name, [new Variable("a", ValueKind.Long)], ValueKind.Long);
            return ((IReadOnlyList<Member>)[.. result.Items, embedded],
                result.State with { MemberNames = result.State.MemberNames.Add(FuzzNames.Key(name)), Functions = result.State.Functions.Add(signature) });
        });

    private static Gen<(Member, ClassContext)> Function(ClassContext context) =>
        Gen.Select(FuzzNames.Method(context.Features, context.MemberNames), Gen.OneOf<ValueKind?>(ValueKind.Long, ValueKind.Long, ValueKind.String, ValueKind.Bool, null),
            Gen.Int[0, 3], Gen.Int[0, 2], (name, returns, parameterCount, form) => (name, returns, parameterCount, expressionBodied: form == 0 && returns is not null))
        .SelectMany(head => Parameters(context, head.parameterCount).SelectMany(parameters =>
        {
            var signature = new FunctionSignature(head.name, parameters, head.returns);
            var scope = Scope.ForMethod(context, parameters, isProbe: false, head.returns);
            var text = $"static {(head.returns is { } r ? MapGlobal.TypeName(r) : "void")} {head.name}({string.Join(", ", parameters.Select(p => $"{MapGlobal.TypeName(p.Kind)} {p.Name}"))})";
            var next = context with { MemberNames = context.MemberNames.Add(FuzzNames.Key(head.name)), Functions = context.Functions.Add(signature) };
            if (head.expressionBodied)
            {
                return Expressions.Of(head.returns!.Value, scope, 3).Select(body => ((Member)new Method([], text, null, body), next));
            }

            return Statements.List(scope, 1, 3).SelectMany(body =>
                head.returns is { } kind
                    ? Expressions.Of(kind, body.Scope, 2).Select(value => (IReadOnlyList<Stmt>)[.. body.Statements, new Jump("return", value)])
                    : Gen.Const(body.Statements))
                .Select(statements => ((Member)new Method([], text, new Block(statements)), next));
        }));

    /// <summary>Parameters with distinct names; a parameter may take a global's name (it then hides that global in the method).</summary>
    private static Gen<IReadOnlyList<Variable>> Parameters(ClassContext context, int count) =>
        Choose.Sequence<Variable, ImmutableHashSet<string>>(count, [], taken =>
            Gen.Select(Gen.OneOf(ValueKind.Long, ValueKind.Long, ValueKind.String, ValueKind.Bool), Gen.Int[0, 4],
                FuzzNames.Variable(context.Features, taken.Union(context.MemberNames)), (kind, shadow, name) => (kind, shadow, name))
            .Select(p =>
            {
                var globals = context.Globals.Where(g => !taken.Contains(FuzzNames.Key(g.Name))).ToList();
                var name = p.shadow == 0 && globals.Count > 0 ? globals[p.name.Length % globals.Count].Name : p.name;
                return (new Variable(name, p.kind), taken.Add(FuzzNames.Key(name)));
            }))
        .Select(result => result.Items);

    /// <summary>Probes on points stap resolves without debuginfo, one with a point list, one armed by a global; and an alias with the probe that uses it.</summary>
    private static Gen<IReadOnlyList<Member>> Probes(ClassContext context) =>
        Gen.Select(Gen.Int[1, 3], Gen.Int[0, 3], (count, alias) => (count, alias: alias == 0)).SelectMany(shape =>
            Choose.Sequence<Member, ClassContext>(shape.count, context, Probe).SelectMany(probes =>
                shape.alias ? Alias(probes.State).Select(alias => (IReadOnlyList<Member>)[.. probes.Items, .. alias]) : Gen.Const(probes.Items)));

    private static Gen<(Member, ClassContext)> Probe(ClassContext context)
    {
        // A probe point's condition names globals in stap's syntax: ASCII identifiers that are no stap keywords.
        var conditions = context.Globals.Where(g => g.Kind != ValueKind.String && IsAsciiIdentifier(g.Name) && !StapKeywords.Contains(g.Name)).Select(g => g.Name).ToList();
        var points = Gen.Select(Choose.Element(PlainPoints), Gen.Int[0, 4], conditions.Count > 0 ? Choose.Element(conditions) : Gen.Const(""), (point, form, condition) =>
            form == 0 && condition.Length > 0 ? $"{point} if ({condition})" : point);
        return Gen.Select(points.Array[1, 3], FuzzNames.Method(context.Features, context.MemberNames), (list, name) => (list, name)).SelectMany(head =>
            Statements.List(Scope.ForMethod(context, [], isProbe: true, returns: null), 1, 4).Select(body =>
                ((Member)new Method(head.list.Distinct().Select(p => $"[Probe({CSharpLiteral.Quote(p)})]").ToList(), $"void {head.name}()", new Block(body.Statements)),
                    context with { MemberNames = context.MemberNames.Add(FuzzNames.Key(head.name)) })));
    }

    /// <summary><c>[ProbeAlias("fuzz.tick", ...)]</c> setting a variable, and a probe that reads it as a parameter.</summary>
    private static Gen<IReadOnlyList<Member>> Alias(ClassContext context)
    {
        var aliasMethod = FuzzNames.Unique("TickAlias", context.MemberNames);
        var probeMethod = FuzzNames.Unique("OnTick", context.MemberNames.Add(FuzzNames.Key(aliasMethod)));
        var variable = FuzzNames.Unique("tick_count", context.MemberNames);
        var scope = Scope.ForMethod(context, [new Variable(variable, ValueKind.Long, Assignable: false)], isProbe: true, returns: null);
        return Gen.Select(Gen.Bool, Statements.List(scope, 1, 3), (epilogue, body) => (IReadOnlyList<Member>)
        [
            new Method(["[ProbeAlias(\"fuzz.tick\", \"timer.s(2)\")]", "[ProbeAlias(\"fuzz.tick\", \"timer.s(3)\")]"], $"void {aliasMethod}()",
                new Block([new LocalDeclaration("long", variable, new Atom(ValueKind.Long, "1"))])),
            // An epilogue is an alias of its own name: a probe on a name with an epilogue definition also runs as that
            // definition's probe, where the prologue's variables are never set (stap: "unresolved type").
            .. epilogue ? (Member[])[
                new Method(["[ProbeAlias(\"fuzz.tock\", \"timer.s(2)\", Epilogue = true)]"], $"void {aliasMethod}Epilogue()", new Block([new ExpressionStatement("Println(\"after\")")])),
                new Method(["[Probe(\"fuzz.tock\")]"], $"void {probeMethod}Tock()", new Block([new ExpressionStatement("Println(\"tock\")")]))] : [],
            new Method(["[Probe(\"fuzz.tick\")]"], $"void {probeMethod}(long {variable})", new Block(body.Statements)),
        ]);
    }

    private static readonly HashSet<string> StapKeywords =
        ["probe", "global", "private", "function", "if", "else", "for", "foreach", "in", "limit", "return", "delete", "while", "break", "continue", "next", "string", "long", "try", "catch"];

    private static bool IsAsciiIdentifier(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
