using System.Collections.Immutable;
using System.Text;
using CsCheck;

namespace StapSharp.Compiler.Tests.Fuzz.Programs;

/// <summary>A static method whose body is one expression over its parameters and earlier such methods.</summary>
internal sealed record PureFunction(string Name, IReadOnlyList<Variable> Parameters, ValueKind Returns, Expr Body);

/// <summary>A probe class of pure functions: C# can run them, and their stap translation can be evaluated.</summary>
internal sealed record PureProgram(IReadOnlyList<PureFunction> Functions)
{
    public const string ClassName = "Pure";

    public string Text
    {
        get
        {
            var text = new StringBuilder(TestCompilerUsings).Append($"public sealed class {ClassName} : ProbeScript\n{{\n");
            foreach (var f in Functions)
            {
                text.Append($"    static {MapGlobal.TypeName(f.Returns)} {f.Name}({string.Join(", ", f.Parameters.Select(p => $"{MapGlobal.TypeName(p.Kind)} {p.Name}"))}) => {CSharp.Of(f.Body)};\n");
            }

            return text.Append("\n    [Probe(\"begin\")]\n    void Begin() => Exit();\n}\n").ToString();
        }
    }

    public override string ToString() => Text;

    private const string TestCompilerUsings = "using StapSharp;\nusing static StapSharp.Stap;\n\n";
}

/// <summary>
/// Pure functions for the differential test: each takes a long, a string and a bool (and maybe more),
/// and returns a long, bool or string computed with operators, conditionals, interpolation,
/// <c>Length</c>, and calls of the functions before it (with named arguments, in any order when
/// <see cref="FuzzFeatures.NamedArgumentsInAnyOrder"/> is on).
/// </summary>
internal static class PureFunctions
{
    public static Gen<PureProgram> Programs(FuzzFeatures features, int functions)
    {
        var start = new ClassContext(features, [FuzzNames.Key(PureProgram.ClassName)], [], [], [], [], [], "Mode") { Pure = true };
        return Choose.Sequence<PureFunction, ClassContext>(functions, start, Function).Select(result => new PureProgram(result.Items));
    }

    private static Gen<(PureFunction, ClassContext)> Function(ClassContext context) =>
        Gen.Select(FuzzNames.Method(context.Features, context.MemberNames), Gen.OneOf(ValueKind.Long, ValueKind.Long, ValueKind.String, ValueKind.Bool),
            Gen.OneOf(ValueKind.Long, ValueKind.String, ValueKind.Bool).Array[0, 2], (name, returns, extra) => (name, returns, kinds: (ValueKind[])[ValueKind.Long, ValueKind.String, ValueKind.Bool, .. extra]))
        .SelectMany(head => Choose.Sequence<string, ImmutableHashSet<string>>(head.kinds.Length, context.MemberNames.Add(FuzzNames.Key(head.name)), taken =>
                FuzzNames.Variable(context.Features, taken).Select(n => (n, taken.Add(FuzzNames.Key(n)))))
            .SelectMany(names =>
            {
                var parameters = names.Items.Select((n, i) => new Variable(n, head.kinds[i])).ToList();
                var scope = Scope.ForMethod(context, parameters, isProbe: false, head.returns);
                return Expressions.Of(head.returns, scope, 3).Select(body =>
                {
                    var function = new PureFunction(head.name, parameters, head.returns, body);
                    var signature = new FunctionSignature(head.name, parameters, head.returns);
                    return (function, context with { MemberNames = context.MemberNames.Add(FuzzNames.Key(head.name)), Functions = context.Functions.Add(signature) });
                });
            }));
}
