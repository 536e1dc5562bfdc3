using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.IR;
using StapSharp.Compiler.Printing;
using IdentifierExpr = StapSharp.Compiler.ProbePoints.IdentifierExpr;
using NamedComponent = StapSharp.Compiler.ProbePoints.NamedComponent;
using Optionality = StapSharp.Compiler.ProbePoints.Optionality;
using ProbePoint = StapSharp.Compiler.ProbePoints.ProbePoint;

namespace StapSharp.Compiler.Tests.Security;

/// <summary>
/// The printer checks every piece of text it emits that is neither fixed syntax nor a literal,
/// whatever built the IR: an IR carrying script text in a name, a path or a probe point is an
/// internal error, never a script. (Operators, aggregates and histogram kinds are enums: no text to check.)
/// </summary>
public sealed class PrintChecksTests
{
    private const string Injected = "x; system(\"id\")\nprobe begin { system(\"id\") }";

    private static readonly SourceSpan At = SourceSpan.None;

    private static readonly Dictionary<string, Func<Script>> UnsafeScripts = new()
    {
        ["global name"] = () => With(globals: [new Global(Injected, At, null, null)]),
        ["global named like a tapset global"] = () => With(globals: [new Global("argc", At, null, null)]),
        ["function name"] = () => With(functions: [Function(Injected)]),
        ["function named like a tapset function"] = () => With(functions: [Function("strlen")]),
        ["function named like a print built-in"] = () => With(functions: [Function("println")]),
        ["parameter name"] = () => With(functions: [Function("f", new Parameter(Injected, StapType.Long))]),
        ["local name"] = () => With(probes: [Begin(Assign(new VariableRef(At, StapType.Long, Injected)))]),
        ["local named like a keyword"] = () => With(probes: [Begin(Assign(new VariableRef(At, StapType.Long, "next")))]),
        ["local named like a print built-in"] = () => With(probes: [Begin(Assign(new VariableRef(At, StapType.Long, "printf")))]),
        ["local named like a tapset global"] = () => With(probes: [Begin(Assign(new VariableRef(At, StapType.Long, "argc")))]),
        ["called function"] = () => With(probes: [Begin(Statement(new Call(At, StapType.Void, Injected, [])))]),
        ["format function"] = () => With(probes: [Begin(Statement(new FormatCall(At, StapType.Void, Injected, "x", [])))]),
        ["array name"] = () => With(probes: [Begin(Statement(new ArrayElement(At, StapType.Long, Injected, [One])))]),
        ["deleted array"] = () => With(probes: [Begin(new Delete(At, new WholeArray(At, Injected)))]),
        ["membership array"] = () => With(probes: [Begin(Statement(new Membership(At, [One], Injected)))]),
        ["foreach key"] = () => With(probes: [Begin(new Foreach(At, [Injected], null, "a", new Block(At, [])))]),
        ["foreach value"] = () => With(probes: [Begin(new Foreach(At, ["k"], Injected, "a", new Block(At, [])))]),
        ["foreach array"] = () => With(probes: [Begin(new Foreach(At, ["k"], null, Injected, new Block(At, [])))]),
        ["catch variable"] = () => With(probes: [Begin(new TryCatch(At, new Block(At, []), Injected, new Block(At, [])))]),
        ["alias name"] = () => With() with { Aliases = [new ProbeAlias("a = begin { } probe b", [new BoundProbePoint(Named("begin"), At)], At, new Block(At, []), false)] },
        ["target path"] = () => With(probes: [Begin(Statement(new TargetRead(At, StapType.Long, "fd\n", TargetView.Value)))]),
        ["target variable"] = () => With(probes: [Begin(Statement(new TargetVariable(At, StapType.Long, Injected)))]),
        ["cast path"] = () => With(probes: [Begin(Statement(new CastRead(At, StapType.Long, One, "task_struct", "kernel", Injected, TargetView.Value)))]),
        ["build-condition subject"] = () => With(probes: [Begin(Condition(new BuildComparison("kernel_v %? system(\"id\") %: 1 %) %( kernel_v", ComparisonOperator.Equal, Literal.String(At, "5"))))]),
        ["probe point with script text"] = () => With(probes: [Point(Named("begin { system(\"id\") } probe begin"))]),
        ["probe point with a line end"] = () => With(probes: [Point(Named("begin\n"))]),
        ["probe condition on something not a global"] = () => With(probes: [Point(Named("begin") with { Condition = new IdentifierExpr("secret") })]),
        ["probe condition that is not an identifier"] = () => With(globals: [new Global("x", At, One, null)],
            probes: [Point(Named("begin") with { Condition = new IdentifierExpr("x) { system(\"id\") } probe begin if (x") })]),
        ["embedded C that ends its block"] = () => With() with { Guru = true, EmbeddedFunctions = [Embedded("x %} probe begin { } %{")] },
        ["embedded C outside guru mode"] = () => With() with { EmbeddedFunctions = [Embedded("STAP_RETVALUE = 1;")] },
    };

    public static TheoryData<string> UnsafeCases() => new(UnsafeScripts.Keys);

    [Theory]
    [MemberData(nameof(UnsafeCases))]
    public void Unsafe_text_in_the_IR_is_an_internal_error_not_a_script(string unsafeCase) =>
        Assert.Throws<UnsafeScriptTextException>(() => ScriptPrinter.Print(UnsafeScripts[unsafeCase](), "Script.cs"));

    [Fact]
    public void The_same_shapes_with_ordinary_text_print()
    {
        var script = With(
            globals: [new Global("a", At, null, new ArrayShape([StapType.Long], StapType.Long, 0, false)), new Global("limit_on", At, One, null)],
            functions: [Function("f", new Parameter("n", StapType.Long))],
            probes: [new Probe([new BoundProbePoint(Named("begin") with { Condition = new IdentifierExpr("limit_on") }, At)], At, new Block(At,
            [
                Assign(new VariableRef(At, StapType.Long, "x")),
                Statement(new Call(At, StapType.Long, "f", [new Binary(At, StapType.Long, BinaryOperator.Add, new Unary(At, StapType.Long, UnaryOperator.Negate, One), new TargetRead(At, StapType.Long, "file->f_pos", TargetView.Value))])),
                new Foreach(At, ["k"], "v", "a", new Block(At, [])),
                Condition(new BuildComparison("CONFIG_SMP", ComparisonOperator.Equal, Literal.String(At, "y"))),
            ]))]);

        var text = ScriptPrinter.Print(script, "Script.cs").Text;

        Assert.Contains("f((-1) + $file->f_pos)", text);
        Assert.Contains("probe begin if (limit_on)", text);
    }

    private static Literal One => Literal.Long(At, 1);

    private static Script With(IReadOnlyList<Global>? globals = null, IReadOnlyList<Function>? functions = null, IReadOnlyList<Probe>? probes = null) =>
        new("T", At, globals ?? [], functions ?? [], probes ?? [Begin()]);

    private static Function Function(string name, params Parameter[] parameters) => new(name, At, StapType.Void, parameters, new Block(At, []));

    private static EmbeddedFunction Embedded(string code) => new("e", At, StapType.Long, [], code);

    private static Probe Begin(params Statement[] statements) => new([new BoundProbePoint(Named("begin"), At)], At, new Block(At, statements));

    private static Probe Point(ProbePoint point) => new([new BoundProbePoint(point, At)], At, new Block(At, []));

    private static ProbePoint Named(string component) => new([new NamedComponent(component)], Optionality.None, null);

    private static Statement Statement(Expression expression) => new ExpressionStatement(At, expression);

    private static Statement Assign(Expression target) => Statement(new Assignment(At, StapType.Long, AssignmentOperator.Assign, target, One));

    private static Statement Condition(BuildComparison comparison) =>
        new ConditionalCompilation(At, new BuildCondition([[comparison]]), new Block(At, []), null);
}
