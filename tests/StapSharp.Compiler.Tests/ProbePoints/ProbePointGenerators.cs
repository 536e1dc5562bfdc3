using CsCheck;
using StapSharp.Compiler.IR;
using StapSharp.Compiler.ProbePoints;

namespace StapSharp.Compiler.Tests.ProbePoints;

/// <summary>Random, printable probe point ASTs for round trip properties.</summary>
internal static class ProbePointGenerators
{
    private static readonly Gen<string> ComponentName = Gen.OneOf(
        Gen.OneOf("kernel", "function", "return", "call", "syscall", "timer", "s", "begin", "process", "*", "**", "sys_*", "if", "in"),
        Gen.Select(
            Gen.Char["abcxyz_*"],
            Gen.String[Gen.Char["abz019_*"], 0, 5],
            (first, rest) => first + rest));

    // Prefixed so that no generated name is a stap keyword.
    private static readonly Gen<string> GlobalName = Gen.String[Gen.Char["abcxyz_019"], 0, 4].Select(rest => "g" + rest);

    private static readonly Gen<string> StringValue = Gen.String[
        Gen.OneOf(Gen.Char["abc /*@:.?[]{}();,%$#\"\\'"], Gen.Char['\x01', '\x1f'], Gen.Const('\x7f'), Gen.Char['\u00e0', '\u00ff'], Gen.Const('\u6f22')),
        0, 8];

    private static readonly Gen<IntegerLiteral> Integer = Gen.Select(
        Gen.OneOf(Gen.Long, Gen.Long[-20, 20], Gen.Const(long.MinValue), Gen.Const(long.MaxValue)),
        Gen.Enum<IntegerRadix>(),
        (value, radix) => new IntegerLiteral(value, radix));

    // A [ScriptArgument] field's name, as {Name} refers to it.
    private static readonly Gen<string> FieldName = Gen.String[Gen.Char["abcxyz_019"], 0, 4].Select(rest => "F" + rest);

    private static readonly Gen<ProbeLiteral> Literal = Gen.OneOf<ProbeLiteral>(
        StringValue.Select(value => (ProbeLiteral)new StringLiteral(value)),
        Integer.Select(value => (ProbeLiteral)value),
        FieldName.Select(name => (ProbeLiteral)new ArgumentLiteral(name)));

    // Every operator a condition allows, and only those: the others are no condition syntax.
    private static readonly Gen<UnaryOperator> AnyUnaryOperator = Gen.OneOf(ConditionOperators.Unary.ToArray());
    private static readonly Gen<BinaryOperator> AnyBinaryOperator = Gen.OneOf(ConditionOperators.Levels.SelectMany(level => level).ToArray());

    // Conditions never hold negative integer literals: stap reads "-5" as a unary minus.
    private static readonly Gen<ConditionExpr> ConditionLeaf = Gen.OneOf<ConditionExpr>(
        GlobalName.Select(name => (ConditionExpr)new IdentifierExpr(name)),
        Gen.Select(Gen.Long[0, long.MaxValue], Gen.Enum<IntegerRadix>(), (value, radix) => (ConditionExpr)new LiteralExpr(new IntegerLiteral(value, radix))),
        StringValue.Select(value => (ConditionExpr)new LiteralExpr(new StringLiteral(value))));

    public static Gen<ConditionExpr> Condition(int depth) => depth == 0
        ? ConditionLeaf
        : Gen.Frequency<ConditionExpr>(
            (2, ConditionLeaf),
            (1, Gen.Select(AnyUnaryOperator, Condition(depth - 1), (op, operand) => (ConditionExpr)new UnaryExpr(op, operand))),
            (3, Gen.Select(AnyBinaryOperator, Condition(depth - 1), Condition(depth - 1), (op, left, right) => (ConditionExpr)new BinaryExpr(op, left, right))));

    private static Gen<T?> OrNull<T>(Gen<T> gen) where T : class =>
        Gen.Frequency<T?>((1, gen.Select(value => (T?)value)), (1, Gen.Const((T?)null)));

    private static Gen<PointComponent> Component(int depth)
    {
        var named = Gen.Select(ComponentName, OrNull(Literal), (name, argument) => (PointComponent)new NamedComponent(name, argument));
        var argument = FieldName.Select(name => (PointComponent)new ArgumentComponent(name));
        return depth == 0
            ? Gen.Frequency<PointComponent>((5, named), (1, argument))
            : Gen.Frequency<PointComponent>(
                (5, named),
                (1, argument),
                (1, Point(depth - 1).Array[1, 3].Where(alternatives => !IsOneName(alternatives)).Select(alternatives => (PointComponent)new BraceGroupComponent(alternatives))));
    }

    /// <summary>A group of one plain name, <c>{kernel}</c>, reads back as a script argument; the printer refuses it.</summary>
    private static bool IsOneName(ProbePoint[] alternatives) =>
        alternatives is [{ Components: [NamedComponent { Argument: null, Name: var name }], Optionality: Optionality.None, Condition: null }]
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    public static Gen<ProbePoint> Point(int depth) => Gen.Select(
        Component(depth).Array[1, 4],
        Gen.Enum<Optionality>(),
        OrNull(Condition(2)),
        (components, optionality, condition) => new ProbePoint(components, optionality, condition));

    public static readonly Gen<ProbePointList> List = Point(2).Array[1, 3].Select(points => new ProbePointList(points));

    /// <summary>Text close to probe point syntax, so that random input sometimes parses.</summary>
    public static readonly Gen<string> ProbeLikeText = Gen.OneOf(
        Gen.String[Gen.Char[" .,(){}?!\"\\*-;%$@#/=<>&|^~+abefgiknrs0x19\n\t"], 0, 30],
        Gen.OneOf("kernel", ".", "function", "(", ")", "\"x\"", "\"", "{", "}", ",", " ", "?", "!", " if ", "a", "&&", "-", "1", "0x1f", "%{", "$1", ";", "\\", "\n")
            .Array[0, 14].Select(parts => string.Concat(parts)),
        List.Select(list => ProbePointPrinter.Print(list)).SelectMany(printed =>
            Gen.Select(Gen.Int[0, printed.Length], Gen.Int[0, 3], Gen.Char[" .,(){}\"\\;%$!?x1-"], (at, cut, inserted) =>
                printed[..at] + inserted + printed[Math.Min(printed.Length, at + cut)..])));
}
