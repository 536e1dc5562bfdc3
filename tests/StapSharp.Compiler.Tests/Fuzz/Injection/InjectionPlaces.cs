using System.Globalization;
using System.Text;
using StapSharp.Compiler.Tests.Fuzz.Programs;

namespace StapSharp.Compiler.Tests.Fuzz.Injection;

/// <summary>How a value put at a place must show in the emitted script when the translator accepts it.</summary>
internal enum Appearance
{
    /// <summary>As a string literal whose value is the input (after the place's transform, e.g. % → %% in a format).</summary>
    Literal,

    /// <summary>Only the script's structure is checked: no new statement, probe or declaration; stap parses it with the probe count of the C#.</summary>
    Structure,

    /// <summary>The translator must always reject it.</summary>
    Rejected,
}

/// <summary>
/// A place where user text reaches a script: C# sources holding one or several values there, how
/// many probes stap must then see, and how an accepted value must appear. A place takes several
/// values at once so that one stap run checks them all. <paramref name="Benign"/> is a value the
/// place accepts: the reference for the script's shape.
/// </summary>
internal sealed record InjectionPlace(
    string Name,
    Appearance Appearance,
    Func<IReadOnlyList<string>, IReadOnlyList<(string Path, string Text)>> Sources,
    Func<int, int> Probes,
    Func<string, string>? Transform = null,
    bool Guru = false,
    string Benign = "benign")
{
    public override string ToString() => Name;
}

/// <summary>Every place a user string or name can reach a script or the event stream from.</summary>
internal static class InjectionPlaces
{
    private static string Q(string value) => CSharpLiteral.Quote(value);

    /// <summary>One probe class in Injected.cs around the members.</summary>
    private static IReadOnlyList<(string, string)> Class(string members, string attributes = "") =>
        [("Injected.cs", "using StapSharp;\nusing static StapSharp.Stap;\n\n" + attributes + "public sealed class Injected : ProbeScript\n{\n" + members + "\n}\n")];

    private static string Each(IReadOnlyList<string> values, Func<string, int, string> member) =>
        string.Concat(values.Select((v, i) => member(v, i) + "\n"));

    /// <summary>A begin probe holding one statement per value.</summary>
    private static IReadOnlyList<(string, string)> InProbe(IReadOnlyList<string> values, Func<string, int, string> statement, string fields = "") =>
        Class(fields + "\n    [Probe(\"begin\")]\n    void P()\n    {\n" + Each(values, (v, i) => "        " + statement(v, i)) + "    }");

    /// <summary>A begin probe filling a map, and the tapset's prometheus probe dumping it once per value.</summary>
    private static IReadOnlyList<(string, string)> InPrometheus(IReadOnlyList<string> values, Func<string, int, string> statement) =>
        Class("    static readonly StapMap<string, long> m = new();\n\n    [Probe(\"begin\")]\n    void B() => m[\"a\"] = 1;\n\n" +
            "    [Probe(\"prometheus\")]\n    void P([Target] ref string value)\n    {\n" + Each(values, (v, i) => "        " + statement(v, i)) + "    }");

    private static int One(int count) => 1;

    private static int Each(int count) => count;

    /// <summary>Places for text: string values, formats, probe points, target paths, kernel facts, attribute arguments, file names.</summary>
    public static readonly IReadOnlyList<InjectionPlace> ForText =
    [
        new("string literal", Appearance.Literal, values => InProbe(values, (v, _) => $"Println({Q(v)});"), One),
        new("string local", Appearance.Literal, values => InProbe(values, (v, i) => $"string s{i} = {Q(v)}; Println(s{i});"), One),
        new("global initializer", Appearance.Literal,
            values => InProbe(values, (_, i) => $"Println(g{i});", Each(values, (v, i) => $"    static string g{i} = {Q(v)};")), One),
        new("map key", Appearance.Literal,
            values => InProbe(values, (v, _) => $"m[{Q(v)}]++;", "    static readonly StapMap<string, long> m = new();\n"), One),
        new("string comparison", Appearance.Literal, values => InProbe(values, (v, _) => $"if (ExecName() == {Q(v)}) Exit();"), One),
        new("log and error text", Appearance.Literal, values => InProbe(values, (v, _) => $"Log({Q(v)}); Error({Q(v)});"), One),
        new("script argument default", Appearance.Literal,
            values => InProbe(values, (_, i) => $"Println(a{i});", Each(values, (v, i) => $"    [ScriptArgument({i + 1})] static string a{i} = {Q(v)};")), One),
        new("event string", Appearance.Literal,
            values => [("Injected.cs", "using StapSharp;\nusing static StapSharp.Stap;\n\npublic sealed record Said(string Text);\n\n" +
                "public sealed class Injected : ProbeScript\n{\n    [Probe(\"begin\")]\n    void P()\n    {\n" +
                Each(values, (v, _) => $"        Emit(new Said({Q(v)}));") + "    }\n}\n")],
            count => 2),
        new("printf format", Appearance.Literal, values => InProbe(values, (v, _) => $"Printf({Q(v)});"), One),
        new("sprintf format", Appearance.Literal, values => InProbe(values, (v, _) => $"Println(Sprintf({Q(v)}));"), One),
        new("interpolated text", Appearance.Literal, values => InProbe(values, (v, _) => $"Println({Interpolated(v)});"), One,
            Transform: v => v.Replace("%", "%%", StringComparison.Ordinal)),
        new("probe point string", Appearance.Literal,
            values => Class(Each(values, (v, i) => $"    [Probe({Q($"process({StapPointString(v)}).begin ?")})]\n    void P{i}() => Println({i});")), Each),
        new("probe point", Appearance.Structure, values => Class(Each(values, (v, i) => $"    [Probe({Q(v)})]\n    void P{i}() => Println({i});")), Each),
        new("probe condition", Appearance.Structure,
            values => Class("    static long enabled = 1;\n" + Each(values, (v, i) => $"    [Probe({Q($"begin if ({v})")})]\n    void P{i}() => Println({i});")), Each,
            Benign: "enabled"),
        new("target variable path", Appearance.Structure,
            values => Class("    [Probe(\"kernel.function(\\\"vfs_read\\\") ?\")]\n    void P()\n    {\n" + Each(values, (v, _) => $"        Println(Var.Long({Q(v)}));") + "    }"), One),
        new("cast type", Appearance.Structure,
            values => InProbe(values, (v, _) => $"Println(Cast(Pid(), {Q(v)}).Long(\"pid\"));"), One),
        new("cast module", Appearance.Literal,
            values => InProbe(values, (v, _) => $"Println(Cast(Pid(), \"task_struct\", {Q(v)}).Long(\"pid\"));"), One),
        new("kernel version", Appearance.Structure, values => InProbe(values, (v, i) => $"if (Kernel.VersionAtLeast({Q(v)})) Println({i});"), One, Benign: "5.10"),
        new("kernel config name", Appearance.Structure, values => InProbe(values, (v, i) => $"if (Kernel.Config({Q(v)}) == \"y\") Println({i});"), One,
            Benign: "CONFIG_SMP"),
        new("kernel fact value", Appearance.Literal, values => InProbe(values, (v, i) => $"if (Kernel.Arch == {Q(v)}) Println({i});"), One),
        new("alias name", Appearance.Structure,
            values => Class(Each(values, (v, i) => $"    [ProbeAlias({Q(v)}, \"begin\")]\n    void A{i}() {{ }}\n    [Probe({Q(v)})]\n    void P{i}() => Println({i});")),
            count => 2 * count),
        new("alias point", Appearance.Structure,
            values => Class(Each(values, (v, i) => $"    [ProbeAlias(\"fuzz.a{i}\", {Q(v)})]\n    void A{i}() {{ }}\n    [Probe(\"fuzz.a{i}\")]\n    void P{i}() => Println({i});")),
            count => 2 * count),
        new("target parameter", Appearance.Structure,
            values => Class(Each(values, (v, i) => $"    [Probe(\"kernel.function(\\\"vfs_read\\\") ?\")]\n    void P{i}([Target({Q(v)})] long x) => Println(x);")), Each),
        new("build condition name", Appearance.Structure,
            values => Class("    static bool Smp => Kernel.Config(\"CONFIG_SMP\") == \"y\";\n" +
                Each(values, (v, i) => $"    [BuildIf({Q(v)})]\n    [Probe(\"begin\")]\n    void P{i}() => Println({i});")), Each, Benign: "Smp"),
        new("dynamic call name", Appearance.Structure, values => InProbe(values, (v, _) => $"Println(Call<long>({Q(v)}));"), One),
        new("prometheus metric name", Appearance.Literal, values => InPrometheus(values, (v, _) => $"PrometheusDumpArray1(ref value, m, {Q(v)}, \"key\");"), _ => 2),
        new("prometheus label name", Appearance.Literal, values => InPrometheus(values, (v, _) => $"PrometheusDumpArray1(ref value, m, \"metric\", {Q(v)});"), _ => 2),
        new("embedded C without guru mode", Appearance.Rejected,
            values => Class(Each(values, (v, i) => $"    [EmbeddedC({Q(v)})]\n    static extern long C{i}();") + "\n    [Probe(\"begin\")]\n    void P() => Exit();"), One),
        new("embedded C in guru mode", Appearance.Structure,
            values => Class(Each(values, (v, i) => $"    [EmbeddedC({Q(v)})]\n    static extern long C{i}();") +
                "\n    [Probe(\"begin\")]\n    void P()\n    {\n" + Each(values, (_, i) => $"        Println(C{i}());") + "    }", "[Guru]\n"),
            One, Guru: true),
        new("regex pattern", Appearance.Literal,
            values => InProbe(values, (v, i) => $"if (System.Text.RegularExpressions.Regex.IsMatch(ExecName(), {Q(v)})) Println({i});"), One,
            Transform: v => StapSharp.Compiler.Binding.RegexPattern.Translate(v).Stap ?? v, Benign: "^bash$"),
        new("printd delimiter", Appearance.Literal, values => InProbe(values, (v, _) => $"Printd({Q(v)}, Pid(), ExecName());"), One),
        new("type defined", Appearance.Structure, values => InProbe(values, (v, i) => $"if (TypeDefined({Q(v)})) Println({i});"), One,
            Benign: "struct task_struct"),
        new("type member defined", Appearance.Structure,
            values => InProbe(values, (v, i) => $"if (TypeMemberDefined(\"struct task_struct\", {Q(v)})) Println({i});"), One, Benign: "pid"),
        new("cast sizeof type", Appearance.Structure, values => InProbe(values, (v, _) => $"Println(CastSizeof({Q(v)}));"), One,
            Benign: "struct task_struct"),
        new("cast sizeof module", Appearance.Structure,
            values => InProbe(values, (v, _) => $"Println(CastModuleSizeof({Q(v)}, \"struct task_struct\"));"), One, Benign: "kernel"),
        new("target write path", Appearance.Structure,
            values => Class("    [Probe(\"kernel.function(\\\"vfs_read\\\") ?\")]\n    void P()\n    {\n" + Each(values, (v, _) => $"        Var.Set({Q(v)}, 1);") + "    }", "[Guru]\n"),
            One, Guru: true, Benign: "count"),
        new("top-level embedded C", Appearance.Structure,
            values => Class("    [Probe(\"begin\")]\n    void P() => Exit();", "[Guru]\n" + Each(values, (v, _) => $"[EmbeddedC({Q(v)})]")),
            One, Guru: true, Benign: "#include <linux/sched.h>"),
        new("script argument reference in a probe point", Appearance.Structure,
            values => Class("    [ScriptArgument(1)] static long Interval = 5;\n" +
                Each(values, (v, i) => $"    [Probe({Q("timer.s({" + v + "})")})]\n    void P{i}() => Println({i});")), Each, Benign: "Interval"),
        new("file name", Appearance.Structure,
            values => values.Select((v, i) => (v + ".cs",
                "using StapSharp;\nusing static StapSharp.Stap;\n\npublic sealed partial class Injected : ProbeScript\n{\n" +
                $"    [Probe(\"begin\")]\n    void P{i}() => Println({i});\n}}\n")).ToList(),
            Each),
    ];

    /// <summary>Places for names: every kind of C# declaration whose name reaches the script or the event schema.</summary>
    public static readonly IReadOnlyList<InjectionPlace> ForNames =
    [
        new("global name", Appearance.Structure, values => InProbe(values, (v, _) => $"Println({v});", Each(values, (v, _) => $"    static long {v} = 1;")), One),
        new("local name", Appearance.Structure, values => InProbe(values, (v, _) => $"long {v} = 1; Println({v});"), One),
        new("parameter name", Appearance.Structure,
            values => InProbe(values, (_, i) => $"Println(F{i}(1));", Each(values, (v, i) => $"    static long F{i}(long {v}) => {v} + 1;")), One),
        new("function name", Appearance.Structure,
            values => InProbe(values, (v, _) => $"Println({v}());", Each(values, (v, i) => $"    static long {v}() => {i};")), One),
        new("macro name", Appearance.Structure,
            values => InProbe(values, (v, _) => $"Println({v}());", Each(values, (v, i) => $"    static long {v}() => Defined(Var.Long(\"x\")) ? 1 : {i};")), One),
        new("macro parameter name", Appearance.Structure,
            values => InProbe(values, (_, i) => $"Println(M{i}(1));", Each(values, (v, i) => $"    static long M{i}(long {v}) => Defined(Var.Long(\"x\")) ? {v} : 0;")), One),
        new("build condition property name", Appearance.Structure,
            values => Class(Each(values, (v, i) => $"    static bool {v} => Kernel.Config(\"CONFIG_SMP\") == \"y\";\n    [BuildIf(nameof({v}))]\n    [Probe(\"begin\")]\n    void P{i}() => Println({i});")), Each),
        new("probe method name", Appearance.Structure, values => Class(Each(values, (v, i) => $"    [Probe(\"begin\")]\n    void {v}() => Println({i});")), Each),
        new("class name", Appearance.Structure,
            values => [("Injected.cs", "using StapSharp;\nusing static StapSharp.Stap;\n\n" +
                Each(values, (v, i) => $"public sealed class {v} : ProbeScript\n{{\n    [Probe(\"begin\")]\n    void P() => Println({i});\n}}"))],
            One),
        new("namespace name", Appearance.Structure,
            values => [("Injected.cs", "using StapSharp;\nusing static StapSharp.Stap;\n\n" +
                Each(values, (v, i) => $"namespace {v}\n{{\n    public sealed class T{i} : ProbeScript\n    {{\n        [Probe(\"begin\")]\n        void P() => Println({i});\n    }}\n}}"))],
            One),
        new("event type name", Appearance.Structure,
            values => [("Injected.cs", "using StapSharp;\nusing static StapSharp.Stap;\n\n" + Each(values, (v, _) => $"public sealed record {v}(long X);") +
                "public sealed class Injected : ProbeScript\n{\n    [Probe(\"begin\")]\n    void P()\n    {\n" +
                Each(values, (v, i) => $"        Emit(new {v}({i}));") + "    }\n}\n")],
            count => 2),
        new("event field name", Appearance.Structure,
            values => [("Injected.cs", "using StapSharp;\nusing static StapSharp.Stap;\n\n" +
                $"public sealed record Fields({string.Join(", ", values.Select(v => "long " + v))});\n" +
                "public sealed class Injected : ProbeScript\n{\n    [Probe(\"begin\")]\n    void P() => Emit(new Fields(" + string.Join(", ", values.Select((_, i) => i.ToString(CultureInfo.InvariantCulture))) + "));\n}\n")],
            count => 2),
        new("enum member name", Appearance.Structure,
            values => [("Injected.cs", "using StapSharp;\nusing static StapSharp.Stap;\n\n" +
                $"public enum Kind {{ {string.Join(", ", values.Select((v, i) => $"{v} = {i}"))} }}\npublic sealed record Kinded(Kind K);\n" +
                "public sealed class Injected : ProbeScript\n{\n    [Probe(\"begin\")]\n    void P()\n    {\n" +
                Each(values, (v, _) => $"        Emit(new Kinded(Kind.{v}));") + "    }\n}\n")],
            count => 2),
    ];

    public static InjectionPlace Named(string name) =>
        ForText.Concat(ForNames).SingleOrDefault(p => p.Name == name) ?? throw new ArgumentException($"no injection place '{name}'");

    /// <summary>An interpolated string printing the value then a long: braces doubled and escapes as C# wants them.</summary>
    private static string Interpolated(string value)
    {
        var quoted = Q(value);
        return "$" + quoted[..^1].Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal) + "{Pid()}\"";
    }

    /// <summary>The value as a stap string literal inside a probe point: quote, backslash and control characters escaped.</summary>
    private static string StapPointString(string value)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in value)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                < ' ' or '\x7f' => "\\" + Convert.ToString(c, 8).PadLeft(3, '0'),
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }
}
