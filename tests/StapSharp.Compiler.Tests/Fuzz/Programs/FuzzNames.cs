using System.Collections.Immutable;
using System.Globalization;
using CsCheck;

namespace StapSharp.Compiler.Tests.Fuzz.Programs;

/// <summary>
/// Identifiers for generated declarations: plain ones, and odd but legal C# names (stap keywords,
/// verbatim C# keywords, letters stap cannot spell). Names of stap built-ins, tapset functions and
/// tapset globals, and pairs that stap spells alike, come with their <see cref="FuzzFeatures"/>.
/// </summary>
internal static class FuzzNames
{
    private static readonly string[] Plain =
        ["count", "total", "n", "x", "y", "value", "name", "hits", "seen", "last", "item", "acc", "flag", "text", "delta", "big", "tmp"];

    /// <summary>Legal C# names the translator must respell: stap keywords, verbatim C# keywords, non-ASCII letters.</summary>
    private static readonly string[] Odd =
    [
        "next", "probe", "global", "limit", "delete", "function", "@long", "@string", "@in", "@try", "@if", "@for", "@foreach",
        "@while", "@return", "@break", "@continue", "@else", "@catch", "@private", "größe", "名前", "Ω", "ǅ", "ⅰ", "a‿b", "e\u0301",
        "__", "__x", "kernel_v", "execname", "pid", "strlen", "exit", "error", "stap",
    ];

    private static readonly string[] PrintBuiltins = ["print", "printf", "println", "sprint", "sprintf", "sprintln", "printd", "sprintd"];

    private static readonly string[] TapsetFunctions = ["strlen", "execname", "exit", "pid", "substr", "error", "log", "ctime", "isinstr", "cpu"];

    private static readonly string[] TapsetGlobals = ["argc", "NULL", "CurrEstab", "InSegs"];

    private static readonly string[] PlainMethods = ["Compute", "Helper", "F", "Twice", "Mix", "Describe", "Score", "Pick"];

    private static readonly string[] OddMethods = ["next", "probe", "@if", "größe", "名前", "Ω", "__", "function", "limit"];

    /// <summary>Pairs of distinct C# names that a naive respelling would merge.</summary>
    public static readonly (string, string)[] SpelledTwins = [("aé", "a_u00E9"), ("next", "next_"), ("@in", "in_"), ("größe", "gr_u00F6_u00DFe")];

    public static readonly string[] ClassNames = ["Fuzz", "T", "Probes", "Größe", "名前Probe", "@class", "Next"];

    public static readonly string?[] Namespaces = [null, null, "Fuzz", "Fuzz.Deep", "@namespace.名前"];

    /// <summary>A name for a variable (local, parameter or field), not yet taken.</summary>
    public static Gen<string> Variable(FuzzFeatures features, ImmutableHashSet<string> taken)
    {
        var pools = new List<string[]> { Plain, Plain, Odd };
        if (features.PrintBuiltinNames)
        {
            pools.Add(PrintBuiltins);
        }

        if (features.TapsetGlobalNames)
        {
            pools.Add(TapsetGlobals);
        }

        return FromPools(pools, taken);
    }

    /// <summary>A name for a method, not yet taken.</summary>
    public static Gen<string> Method(FuzzFeatures features, ImmutableHashSet<string> taken)
    {
        var pools = new List<string[]> { PlainMethods, PlainMethods, OddMethods };
        if (features.TapsetFunctionNames)
        {
            pools.Add(TapsetFunctions);
        }

        if (features.PrintBuiltinNames)
        {
            pools.Add(PrintBuiltins);
        }

        return FromPools(pools, taken);
    }

    private static Gen<string> FromPools(IReadOnlyList<string[]> pools, ImmutableHashSet<string> taken) =>
        Gen.Int[0, pools.Count - 1].SelectMany(p => Gen.Int[0, pools[p].Length - 1].Select(i => Unique(pools[p][i], taken)));

    /// <summary>The name, or the name with a number when C# already has it in this scope.</summary>
    public static string Unique(string name, ImmutableHashSet<string> taken)
    {
        if (!taken.Contains(Key(name)))
        {
            return name;
        }

        for (var n = 2; ; n++)
        {
            var numbered = name + n.ToString(CultureInfo.InvariantCulture);
            if (!taken.Contains(Key(numbered)))
            {
                return numbered;
            }
        }
    }

    /// <summary>What C# compares identifiers by: without the verbatim '@' and without formatting characters.</summary>
    public static string Key(string name) =>
        string.Concat(name.TrimStart('@').Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format));
}
