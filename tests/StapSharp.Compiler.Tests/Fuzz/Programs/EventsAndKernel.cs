using CsCheck;

namespace StapSharp.Compiler.Tests.Fuzz.Programs;

/// <summary>Typed events: record declarations with every field type, and <c>Emit</c> with the argument forms each type takes.</summary>
internal static class EventFields
{
    public static readonly string[] Types = ["long", "int", "ulong", "bool", "string", "ENUM", "Errno"];

    public static ValueKind KindOf(string type) => type switch
    {
        "bool" => ValueKind.Bool,
        "string" => ValueKind.String,
        _ => ValueKind.Long,
    };

    /// <summary>A record type: an odd name (as for any identifier), fields of every type.</summary>
    public static Gen<EventType> Type(FuzzFeatures features, string name, string enumName) =>
        Gen.Int[1, 5].SelectMany(count => Gen.Int[0, Types.Length - 1].Array[count].SelectMany(typeIndexes =>
            Choose.Sequence<string, System.Collections.Immutable.ImmutableHashSet<string>>(count, [], taken =>
                FuzzNames.Variable(features, taken).Select(n => (n, taken.Add(FuzzNames.Key(n)))))
            .Select(names => new EventType(name, names.Items.Select((n, i) => (n, Types[typeIndexes[i]] == "ENUM" ? enumName : Types[typeIndexes[i]])).ToList()))));

    public static string Declaration(EventType type) =>
        $"public sealed record {type.Name}({string.Join(", ", type.Fields.Select(f => $"{f.Type} {f.Name}"))});";

    /// <summary>A value for a field: a long, bool or string expression, or a cast, constant or <c>new Errno(n)</c> for the others.</summary>
    public static Gen<Expr> Value(string type, Scope scope, string enumName) => type switch
    {
        "long" => Expressions.Long(scope, 2),
        "bool" => Expressions.Bool(scope, 2),
        "string" => Expressions.String(scope, 2),
        "int" => Choose.Weighted<Expr>((1, () => Gen.OneOf("0", "-7", "int.MaxValue").Select(t => (Expr)new Atom(ValueKind.Long, t))),
            (2, () => NonConstantLong(scope).Select(n => (Expr)new Raw(ValueKind.Long, $"(int){Expressions.Primary(n)}")))),
        "ulong" => Choose.Weighted<Expr>((1, () => Gen.OneOf("0UL", "ulong.MaxValue").Select(t => (Expr)new Atom(ValueKind.Long, t))),
            (2, () => NonConstantLong(scope).Select(n => (Expr)new Raw(ValueKind.Long, $"(ulong){Expressions.Primary(n)}")))),
        "Errno" => Expressions.Long(scope, 1).Select(n => (Expr)new Raw(ValueKind.Long, $"new Errno({CSharp.Of(n)})")),
        _ => Choose.Weighted<Expr>((1, () => Gen.OneOf("Read", "Write", "Other").Select(m => (Expr)new Raw(ValueKind.Long, $"{enumName}.{m}"))),
            (1, () => NonConstantLong(scope).Select(n => (Expr)new Raw(ValueKind.Long, $"({enumName}){Expressions.Primary(n)}")))),
    };

    /// <summary>
    /// A long to cast: not a constant (C# checks a constant's conversion at compile time), not a conditional
    /// (C# may type its branches by the cast's target, and int or uint literals do not convert to an enum).
    /// </summary>
    private static Gen<Expr> NonConstantLong(Scope scope) => Expressions.Long(scope, 1).Where(e => !e.IsConstant && e is not Conditional);

    /// <summary><c>Emit(new R(...))</c>.</summary>
    public static Gen<string> Emit(EventType type, Scope scope, string enumName) =>
        Expressions.Arguments(type.Fields.Select(f => (f.Name, Value(f.Type, scope, enumName))).ToList(), scope.Features)
            .Select(arguments => $"Emit(new {type.Name}({string.Join(", ", arguments.Select(a => (a.Name is null ? "" : a.Name + ": ") + CSharp.Of(a.Value)))}))");

    public static string EnumDeclaration(string name) => $"public enum {name} {{ Read = 1, Write = 2, Other = -3 }}";
}

/// <summary>Build-time conditions on <c>Kernel</c> facts, combined with &amp;&amp;, || and !.</summary>
internal static class KernelFacts
{
    private static readonly Gen<Expr> Fact = Gen.OneOf(
        "Kernel.VersionAtLeast(\"5.10\")", "Kernel.VersionBelow(\"4.0\")", "Kernel.SystemTapAtLeast(\"4.0\")", "Kernel.GuruMode",
        "Kernel.Arch == \"x86_64\"", "Kernel.Release != \"6.1.*\"", "Kernel.Config(\"CONFIG_SMP\") == \"y\"", "Kernel.Runtime == \"kernel\"",
        "\"y\" != Kernel.Config(\"CONFIG_64BIT\")")
        .Select(text => (Expr)new Raw(ValueKind.Bool, text.Contains("==", StringComparison.Ordinal) || text.Contains("!=", StringComparison.Ordinal) ? $"({text})" : text));

    public static Gen<Expr> Condition(int depth) => depth == 0
        ? Fact
        : Choose.Weighted(
            (2, () => Fact),
            (2, () => Gen.Select(Gen.OneOf("&&", "||"), Condition(depth - 1), Condition(depth - 1), (op, l, r) => (Expr)new Binary(ValueKind.Bool, op, l, r))),
            (1, () => Condition(depth - 1).Select(c => (Expr)new Unary(ValueKind.Bool, "!", c))));
}
