using CsCheck;

namespace StapSharp.Compiler.Tests.Fuzz.Programs;

/// <summary>
/// Well-typed C# expressions over what a scope can see: long arithmetic and bit operations, bool
/// logic and comparisons, string concatenation, interpolation and formatting, conditionals, map
/// reads, statistics, and calls of the script's methods and of <c>Stap</c> (with named arguments).
/// No expression folds to a constant that C# would check for overflow: an operator always has a
/// non-constant operand.
/// </summary>
internal static class Expressions
{

    public static Gen<Expr> Of(ValueKind kind, Scope scope, int depth) => kind switch
    {
        ValueKind.Long => Long(scope, depth),
        ValueKind.Bool => Bool(scope, depth),
        _ => String(scope, depth),
    };

    public static Gen<Expr> Long(Scope scope, int depth)
    {
        var variables = scope.Of(ValueKind.Long).ToList();
        var longMaps = scope.Class.Maps.Where(m => m.Value == MapValue.Long).ToList();
        var functions = Functions(scope, ValueKind.Long);
        var leaf = depth <= 0;
        var api = !scope.Class.Pure;
        return Choose.Weighted(
            (3, () => Literals.Long),
            (6, Choose.If(variables.Count > 0, () => Variable(variables))),
            (2, Choose.If(api, () => Gen.OneOf("Pid()", "Tid()", "Cpu()", "GetTimeOfDayNs()", "GetTimeOfDayS()", "Jiffies()").Select(text => (Expr)new Raw(ValueKind.Long, text)))),
            (2, Choose.If(longMaps.Count > 0 && !leaf, () => Choose.Element(longMaps).SelectMany(m => MapElement(m, scope, depth - 1)))),
            (2, Choose.If(HasStats(scope) && !leaf, () => StatsTargets(scope, depth - 1).SelectMany(Aggregate))),
            (2, Choose.If(functions.Count > 0 && !leaf, () => Choose.Element(functions).SelectMany(f => CallOf(f, scope, depth - 1)))),
            (1, Choose.If(!leaf, () => String(scope, depth - 1).Select(s => (Expr)new Raw(ValueKind.Long, Primary(s) + ".Length")))),
            (1, Choose.If(!leaf && api, () => StringFunctionReturningLong(scope, depth - 1))),
            (6, Choose.If(!leaf, () => Arithmetic(scope, depth))),
            (2, Choose.If(!leaf, () => Shift(scope, depth))),
            (1, Choose.If(!leaf, () => Long(scope, depth - 1).Where(e => !e.IsConstant).SelectMany(operand =>
                Gen.OneOf("-", "~").Select(op => (Expr)new Unary(ValueKind.Long, op, operand))))),
            (2, Choose.If(!leaf, () => ConditionalOf(ValueKind.Long, scope, depth))),
            (1, Choose.If(!leaf, () => Bool(scope, depth - 1).Select(b => (Expr)new Conditional(b, Num("1"), Num(scope.Features.IntTypedValues ? "0" : "0L"))))));
    }

    public static Gen<Expr> Bool(Scope scope, int depth)
    {
        var variables = scope.Of(ValueKind.Bool).ToList();
        var maps = scope.Class.Maps.ToList();
        var functions = Functions(scope, ValueKind.Bool);
        var leaf = depth <= 0;
        return Choose.Weighted(
            (4, Choose.If(variables.Count > 0, () => Variable(variables))),
            (4, () => Comparison(scope, Math.Max(depth - 1, 0))),
            (2, Choose.If(maps.Count > 0 && !leaf, () => Choose.Element(maps).SelectMany(m => Contains(m, scope, depth - 1)))),
            (1, Choose.If(!leaf && !scope.Class.Pure, () => String(scope, depth - 1).Select(s => (Expr)new Call(ValueKind.Bool, "IsDigit", [new Argument(null, s)])))),
            (1, Choose.If(!leaf && !scope.Class.Pure, () => IntrinsicCall(ValueKind.Bool, "IsInStr", scope, depth - 1, ("s", ValueKind.String), ("part", ValueKind.String)))),
            (2, Choose.If(functions.Count > 0 && !leaf, () => Choose.Element(functions).SelectMany(f => CallOf(f, scope, depth - 1)))),
            (4, Choose.If(!leaf, () => Logic(scope, depth))),
            (1, Choose.If(!leaf, () => Bool(scope, depth - 1).Where(e => !e.IsConstant).Select(b => (Expr)new Unary(ValueKind.Bool, "!", b)))),
            (1, Choose.If(!leaf, () => ConditionalOf(ValueKind.Bool, scope, depth))));
    }

    public static Gen<Expr> String(Scope scope, int depth)
    {
        var variables = scope.Of(ValueKind.String).ToList();
        var stringMaps = scope.Class.Maps.Where(m => m.Value == MapValue.String).ToList();
        var functions = Functions(scope, ValueKind.String);
        var leaf = depth <= 0;
        var api = !scope.Class.Pure;
        return Choose.Weighted(
            (4, () => scope.Class.AsciiOnly ? Literals.AsciiString : Literals.String),
            (5, Choose.If(variables.Count > 0, () => Variable(variables))),
            (1, Choose.If(api, () => Gen.OneOf("ExecName()", "PExecName()").Select(text => (Expr)new Raw(ValueKind.String, text)))),
            (2, Choose.If(stringMaps.Count > 0 && !leaf, () => Choose.Element(stringMaps).SelectMany(m => MapElement(m, scope, depth - 1)))),
            (2, Choose.If(!leaf && api, () => Long(scope, depth - 1).Select(n => (Expr)new Call(ValueKind.String, "Sprint", [new Argument(null, n)])))),
            (1, Choose.If(HasStats(scope) && !leaf, () => StatsTargets(scope, depth - 1).Select(Histogram))),
            (2, Choose.If(functions.Count > 0 && !leaf, () => Choose.Element(functions).SelectMany(f => CallOf(f, scope, depth - 1)))),
            (4, Choose.If(!leaf, () => Gen.Select(String(scope, depth - 1), String(scope, depth - 1),
                (left, right) => (Expr)new Binary(ValueKind.String, "+", left, right)).Where(e => !e.IsConstant))),
            (3, Choose.If(!leaf, () => Interpolation(scope, depth - 1))),
            (2, Choose.If(!leaf && api, () => Formats.Sprintf(scope, depth - 1))),
            (2, Choose.If(!leaf && api, () => StringFunction(scope, depth - 1))),
            (1, Choose.If(!leaf, () => ConditionalOf(ValueKind.String, scope, depth))));
    }

    /// <summary>An interpolated string: text (with escaped braces when the feature is on), and long or string holes with alignment and x/X/d formats.</summary>
    public static Gen<Expr> Interpolation(Scope scope, int depth)
    {
        var hole = Choose.Weighted<InterpolationPart>(
            (2, () => Long(scope, depth).SelectMany(value => Gen.Select(
                Gen.OneOf<int?>(null, null, -8, 5, 1, -1),
                Gen.OneOf<string?>(null, null, "x", "X", "d", "D"),
                (alignment, format) => (InterpolationPart)new InterpolationHole(value, alignment, format is "x" or "X" && IsInt(value) && !scope.Features.IntTypedValues ? null : format)))),
            (2, () => String(scope, depth).SelectMany(value =>
                Gen.OneOf<int?>(null, null, -12, 20).Select(alignment => (InterpolationPart)new InterpolationHole(value, alignment, null)))));
        var text = Literals.InterpolationText(scope.Features.EscapedBraces, scope.Class.AsciiOnly).Select(t => (InterpolationPart)new InterpolationText(t));
        var part = Choose.Weighted((1, () => text), (1, () => hole));
        return part.Array[1, 4].Select(parts => (Expr)new Interpolated(parts));
    }

    private static Gen<Expr> Variable(IReadOnlyList<Variable> variables) =>
        Choose.Element(variables).Select(v => (Expr)new Name(v.Kind, v.Name));

    private static Expr Num(string text) => new Atom(ValueKind.Long, text);

    private static Gen<Expr> Arithmetic(Scope scope, int depth) =>
        Gen.OneOf("+", "-", "*", "/", "%", "&", "|", "^").SelectMany(op =>
            Gen.Select(Long(scope, depth - 1), op is "/" or "%" ? Choose.Weighted((2, () => Literals.NonZero), (1, () => Long(scope, depth - 1).Where(e => !e.IsConstant))) : Long(scope, depth - 1),
                (left, right) => (Expr)new Binary(ValueKind.Long, op, left, right)))
        .Where(e => !e.IsConstant);

    private static Gen<Expr> Shift(Scope scope, int depth) =>
        Gen.Select(Gen.OneOf("<<", ">>", ">>>"), Long(scope, depth - 1).Where(e => !e.IsConstant && (scope.Features.IntTypedValues || !IsInt(e))), Literals.ShiftCount,
            (op, value, count) => (Expr)new Binary(ValueKind.Long, op, value, count));

    private static Gen<Expr> Comparison(Scope scope, int depth) => Choose.Weighted(
        (4, () => Gen.Select(Gen.OneOf("<", ">", "<=", ">=", "==", "!="), Long(scope, depth), Long(scope, depth),
            (op, left, right) => (Expr)new Binary(ValueKind.Bool, op, left, right)).Where(e => !e.IsConstant)),
        (1, () => Gen.Select(Gen.OneOf("==", "!="), String(scope, depth), String(scope, depth),
            (op, left, right) => (Expr)new Binary(ValueKind.Bool, op, left, right)).Where(e => !e.IsConstant)));

    private static Gen<Expr> Logic(Scope scope, int depth) =>
        Gen.Select(Gen.OneOf("&&", "||", "&", "|", "^", "==", "!="), Bool(scope, depth - 1), Bool(scope, depth - 1),
            (op, left, right) => (Expr)new Binary(ValueKind.Bool, op, left, right)).Where(e => !e.IsConstant);

    private static Gen<Expr> ConditionalOf(ValueKind kind, Scope scope, int depth) =>
        Gen.Select(Bool(scope, depth - 1).Where(c => !c.IsConstant), Of(kind, scope, depth - 1), Of(kind, scope, depth - 1),
                (condition, whenTrue, whenFalse) => (Expr)new Conditional(condition, whenTrue, whenFalse))
            .Where(c => scope.Features.IntTypedValues || !IsInt(c));

    /// <summary>
    /// Whether C# types the expression int rather than long: an int literal, a string's Length, or a
    /// conditional or operator whose operands are all int (the generator never declares int variables).
    /// </summary>
    public static bool IsInt(Expr expr) => expr switch
    {
        Atom { Kind: ValueKind.Long } atom => IsIntLiteral(atom.Text),
        Raw { Kind: ValueKind.Long } raw => raw.Text.EndsWith(".Length", StringComparison.Ordinal),
        Conditional c => IsInt(c.WhenTrue) && IsInt(c.WhenFalse),
        Unary { Kind: ValueKind.Long } u => IsInt(u.Operand),
        Binary { Kind: ValueKind.Long, Operator: "<<" or ">>" or ">>>" } b => IsInt(b.Left),
        Binary { Kind: ValueKind.Long } b => IsInt(b.Left) && IsInt(b.Right),
        _ => false,
    };

    private static bool IsIntLiteral(string text) =>
        text is "int.MaxValue" || (!text.EndsWith('L') && !text.Contains('.') &&
            (long.TryParse(text.Replace("_", ""), System.Globalization.CultureInfo.InvariantCulture, out var value) ? value is >= int.MinValue and <= int.MaxValue
                : text.StartsWith("0x", StringComparison.Ordinal) ? text.Replace("_", "").Length <= 10 && Convert.ToUInt64(text[2..].Replace("_", ""), 16) <= int.MaxValue
                : text.StartsWith("0b", StringComparison.Ordinal)));

    /// <summary><c>m[k]</c> or <c>m[(k1, k2)]</c>.</summary>
    public static Gen<Expr> MapElement(MapGlobal map, Scope scope, int depth) =>
        Key(map, scope, depth).Select(key => (Expr)new Raw(map.Value == MapValue.String ? ValueKind.String : ValueKind.Long, $"{map.Name}[{key}]"));

    /// <summary>
    /// A key expression: one part, or a tuple literal of the parts. In a membership test of a multi-key
    /// map, parts bind at least as tightly as == unless <see cref="FuzzFeatures.LooseMembershipKeys"/> is on.
    /// </summary>
    public static Gen<string> Key(MapGlobal map, Scope scope, int depth, bool membership = false)
    {
        var tight = membership && map.Keys.Count > 1 && !scope.Features.LooseMembershipKeys;
        var parts = map.Keys.Select(k => Of(k, scope, Math.Max(depth, 0)).Where(e => !tight || e.Precedence >= 9).Select(CSharp.Of)).ToArray();
        // (depth 0 gives leaves only: literals, variables, calls without arguments)
        return parts.Length == 1 ? parts[0] : Combine(parts).Select(p => "(" + string.Join(", ", p) + ")");
    }

    /// <summary>A key pattern for ContainsMatching/RemoveMatching/Matching: each part a value or a wildcard.</summary>
    public static Gen<string> Pattern(MapGlobal map, Scope scope) =>
        Combine(map.Keys.Select(k => Choose.Weighted(
            (1, () => Gen.Const(k == ValueKind.String ? "Any.String" : "Any.Long")),
            (1, () => Of(k, scope, 0).Where(e => map.Keys.Count == 1 || scope.Features.LooseMembershipKeys || e.Precedence >= 9).Select(CSharp.Of)))).ToArray())
        .Select(p => p.Count == 1 ? p[0] : "(" + string.Join(", ", p) + ")");

    private static Gen<Expr> Contains(MapGlobal map, Scope scope, int depth) => Choose.Weighted(
        (3, () => Key(map, scope, depth, membership: true).Select(key => (Expr)new Raw(ValueKind.Bool, $"{map.Name}.ContainsKey({key})"))),
        (1, Choose.If(map.Keys.Count > 1, () => Pattern(map, scope).Select(p => (Expr)new Raw(ValueKind.Bool, $"{map.Name}.ContainsMatching({p})")))));

    private static bool HasStats(Scope scope) => scope.StatsHere.Any() || scope.Class.Maps.Any(m => m.Value == MapValue.Stats);

    /// <summary>
    /// A statistic to read: a Stats field, a foreach element's statistic, or an element of a map of Stats;
    /// to change (<paramref name="forWriting"/>): not one of a map a surrounding foreach walks.
    /// </summary>
    public static Gen<StatsTarget> StatsTargets(Scope scope, int depth, bool forWriting = false)
    {
        var direct = (forWriting ? scope.Class.Stats : scope.StatsHere).ToList();
        var maps = (forWriting ? scope.WritableMaps : scope.Class.Maps).Where(m => m.Value == MapValue.Stats).ToList();
        return Choose.Weighted(
            (2, Choose.If(direct.Count > 0, () => Choose.Element(direct))),
            (1, Choose.If(maps.Count > 0, () => Choose.Element(maps).SelectMany(map =>
                Key(map, scope, depth).Select(key => new StatsTarget($"{map.Name}[{key}]", StatsHistogram))))));
    }

    /// <summary>The histogram every map of Stats uses (stap allows one shape per array).</summary>
    public const string StatsHistogram = "HistLog()";

    /// <summary><c>Sprint(s.HistLog())</c>, guarded when the statistic may be empty.</summary>
    private static Expr Histogram(StatsTarget stats)
    {
        var text = new Raw(ValueKind.String, $"Sprint({stats.Text}.{stats.Histogram})");
        return stats.NeverEmpty ? text : new Conditional(NotEmpty(stats), text, new Atom(ValueKind.String, "\"\""));
    }

    /// <summary><c>s.Count() > 0</c>: the guard the translator recognises for aggregates that fail on an empty statistic.</summary>
    public static Expr NotEmpty(StatsTarget stats) => new Binary(ValueKind.Bool, ">", new Raw(ValueKind.Long, $"{stats.Text}.Count()"), Num("0"));

    /// <summary>An aggregate of a statistic; the ones that fail on an empty statistic are guarded, as the translator asks.</summary>
    private static Gen<Expr> Aggregate(StatsTarget stats) => Gen.OneOf("Count", "Sum", "Min", "Max", "Avg", "Variance", "Bucket").Select(aggregate =>
    {
        var read = aggregate == "Bucket" ? $"{stats.Text}.{stats.Histogram}[1]" : $"{stats.Text}.{aggregate}()";
        if (aggregate is "Count" or "Sum" || stats.NeverEmpty)
        {
            return (Expr)new Raw(ValueKind.Long, read);
        }

        return new Conditional(NotEmpty(stats), new Raw(ValueKind.Long, read), Num("0"));
    });

    /// <summary>Methods returning <paramref name="kind"/> that may be called here (see <see cref="Scope.CallableFunctions"/>).</summary>
    private static List<FunctionSignature> Functions(Scope scope, ValueKind kind) =>
        scope.CallableFunctions.Where(f => f.Returns == kind).ToList();

    /// <summary>A call of a script method: positional arguments, or named ones (in any order when the feature is on).</summary>
    public static Gen<Expr> CallOf(FunctionSignature function, Scope scope, int depth) =>
        Arguments(function.Parameters, scope, depth).Select(arguments => (Expr)new Call(function.Returns ?? ValueKind.Long, function.Name, arguments));

    public static Gen<IReadOnlyList<Argument>> Arguments(IReadOnlyList<Variable> parameters, Scope scope, int depth) =>
        Arguments(parameters.Select(p => (p.Name, Of(p.Kind, scope, depth))).ToList(), scope.Features);

    /// <summary>
    /// Arguments for parameters (name, value generator): the first ones positional, the rest named;
    /// named ones in a shuffled order when <see cref="FuzzFeatures.NamedArgumentsInAnyOrder"/> is on.
    /// An argument that may have a side effect stays in parameter order with all the others (C# would
    /// run the effects in another order than stap: STAP0035); the ones between two such are shuffled.
    /// </summary>
    public static Gen<IReadOnlyList<Argument>> Arguments(IReadOnlyList<(string Name, Gen<Expr> Value)> parameters, FuzzFeatures features) =>
        Gen.Select(Combine(parameters.Select(p => p.Value).ToList()), Gen.Int[0, parameters.Count], Gen.Int[0, 2].Array[parameters.Count], (values, positional, order) =>
        {
            var arguments = parameters.Select((p, i) => new Argument(i < positional ? null : p.Name, values[i])).ToList();
            if (!features.NamedArgumentsInAnyOrder)
            {
                return (IReadOnlyList<Argument>)arguments;
            }

            var segment = 0;
            var named = arguments.Skip(positional)
                .Select((a, i) => (a, key: (MayHaveSideEffect(a.Value) ? ++segment * 2 : segment * 2 + 1) * 1000 + (MayHaveSideEffect(a.Value) ? 0 : order[positional + i] * 100 + i)))
                .OrderBy(x => x.key)
                .Select(x => x.a);
            return [.. arguments.Take(positional), .. named];
        });

    /// <summary>Whether evaluating the expression may call something: a call, or any text written as it is (a map read, an API call).</summary>
    private static bool MayHaveSideEffect(Expr expr) => expr switch
    {
        Atom or Name => false,
        Unary u => MayHaveSideEffect(u.Operand),
        Binary b => MayHaveSideEffect(b.Left) || MayHaveSideEffect(b.Right),
        Conditional c => MayHaveSideEffect(c.Condition) || MayHaveSideEffect(c.WhenTrue) || MayHaveSideEffect(c.WhenFalse),
        Interpolated i => i.Parts.OfType<InterpolationHole>().Any(h => MayHaveSideEffect(h.Value)),
        _ => true,
    };

    private static Gen<Expr> StringFunctionReturningLong(Scope scope, int depth) => Choose.Weighted(
        (1, () => IntrinsicCall(ValueKind.Long, "StrLen", scope, depth, ("s", ValueKind.String))),
        (1, () => IntrinsicCall(ValueKind.Long, "StrPos", scope, depth, ("s", ValueKind.String), ("part", ValueKind.String))),
        (1, () => IntrinsicCall(ValueKind.Long, "StrToL", scope, depth, ("s", ValueKind.String), ("@base", ValueKind.Long))));

    private static Gen<Expr> StringFunction(Scope scope, int depth) => Choose.Weighted(
        (2, () => IntrinsicCall(ValueKind.String, "Substr", scope, depth, ("s", ValueKind.String), ("start", ValueKind.Long), ("length", ValueKind.Long))),
        (1, () => IntrinsicCall(ValueKind.String, "StrReplace", scope, depth, ("s", ValueKind.String), ("search", ValueKind.String), ("replacement", ValueKind.String))),
        (1, () => IntrinsicCall(ValueKind.String, "TextStr", scope, depth, ("s", ValueKind.String))),
        (1, () => IntrinsicCall(ValueKind.String, "CTime", scope, depth, ("epochSeconds", ValueKind.Long))));

    private static Gen<Expr> IntrinsicCall(ValueKind returns, string name, Scope scope, int depth, params (string Name, ValueKind Kind)[] parameters) =>
        Arguments(parameters.Select(p => new Variable(p.Name, p.Kind)).ToList(), scope, depth)
            .Select(arguments => (Expr)new Call(returns, name, arguments));

    /// <summary>The expression as a C# primary: in parentheses unless it is one.</summary>
    public static string Primary(Expr expr) => expr.Precedence >= 15 && expr is not Atom { Text: ['-', ..] } ? CSharp.Of(expr) : $"({CSharp.Of(expr)})";

    /// <summary>One value from each generator, in order.</summary>
    public static Gen<IReadOnlyList<T>> Combine<T>(IReadOnlyList<Gen<T>> generators) =>
        generators.Count == 0
            ? Gen.Const((IReadOnlyList<T>)[])
            : generators[0].SelectMany(first => Combine(generators.Skip(1).ToList()).Select(rest => (IReadOnlyList<T>)[first, .. rest]));
}
