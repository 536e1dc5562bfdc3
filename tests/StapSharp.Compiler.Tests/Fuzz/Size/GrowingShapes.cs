using System.Globalization;
using System.Text;

namespace StapSharp.Compiler.Tests.Fuzz.Size;

/// <summary>A probe script that grows with a number: n statements, n nested levels, n terms.</summary>
internal sealed record GrowingShape(string Name, Func<int, string> Source)
{
    public override string ToString() => Name;
}

/// <summary>The shapes whose output size and translation the size tests follow as they grow.</summary>
internal static class GrowingShapes
{
    private static string N(int i) => i.ToString(CultureInfo.InvariantCulture);

    private static string Probe(string fields, string body) =>
        "using StapSharp;\nusing static StapSharp.Stap;\n\npublic sealed class Grown : ProbeScript\n{\n" + fields +
        "\n    [Probe(\"begin\")]\n    void P()\n    {\n        long x = Pid();\n        string s = ExecName();\n" + body + "\n        Println(x);\n        Println(s);\n    }\n}\n";

    private static string Repeat(int n, Func<int, string> part) => string.Concat(Enumerable.Range(0, n).Select(part));

    private static string Nested(int n, Func<int, string> open, string inner) =>
        Repeat(n, open) + inner + new string('}', n);

    public static readonly IReadOnlyList<GrowingShape> All =
    [
        new("statements", n => Probe("", Repeat(n, i => $"x = x + {N(i)};\n"))),
        new("probes", n => "using StapSharp;\nusing static StapSharp.Stap;\n\npublic sealed class Grown : ProbeScript\n{\n" +
            Repeat(n, i => $"    [Probe(\"timer.s(1)\")] void P{N(i)}() => Println({N(i)});\n") + "}\n"),
        new("globals", n => Probe(Repeat(n, i => $"    static long g{N(i)} = {N(i)};\n"), "x = g0;")),
        new("nested ifs", n => Probe("", Nested(n, i => $"if (x > {N(i)}) {{ ", "x++;"))),
        new("nested loops", n => Probe("", Nested(n, i => $"while (x < {N(i)}) {{ x++; ", "x++;"))),
        new("else-if chain", n => Probe("", Repeat(n, i => $"{(i == 0 ? "" : "else ")}if (x == {N(i)}) {{ x = {N(i + 1)}; }}\n"))),
        new("nested parentheses", n => Probe("", $"x = {Repeat(n, i => $"(x + {N(i)} * ")}x{new string(')', n)};")),
        new("long sum", n => Probe("", $"x = x{Repeat(n, i => $" + {N(i)} * x")};")),
        new("string concatenation", n => Probe("", $"s = s{Repeat(n, i => $" + \"{N(i % 10)}\" + s")};")),
        new("nested conditionals", n => Probe("", $"x = {Repeat(n, i => $"x > {N(i)} ? {N(i)} : ")}x;")),
        new("kernel condition", n => Probe("", $"if ({string.Join(" && ", Enumerable.Range(0, n).Select(i => $"(Kernel.VersionAtLeast(\"5.{N(i)}\") || Kernel.Arch == \"a{N(i)}\")"))}) x = 1;")),
    ];

    public static GrowingShape Named(string name) => All.Single(s => s.Name == name);
}
