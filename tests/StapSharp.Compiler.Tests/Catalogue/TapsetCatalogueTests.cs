using System.Reflection;
using System.Text.RegularExpressions;
using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.Catalogue;

/// <summary>
/// Every stap function the C# API names (<c>[StapFunction("name")]</c> on members of <see cref="Stap"/>)
/// exists in the installed stap's tapsets, with a matching overload: same arity, and the same
/// long/string types wherever stap declares them. Read from the real <c>stap --dump-functions</c>.
/// </summary>
public sealed class TapsetCatalogueTests
{
    /// <summary>Translator built-ins: not tapset functions, so not in the dump (see LANGUAGE.md, formatted output).</summary>
    private static readonly IReadOnlySet<string> BuiltIns = Naming.ReservedNames.PrintBuiltins;

    /// <summary>The dump, run once per test run: it scans every tapset (minutes on a cold cache).</summary>
    private static readonly Lazy<Dictionary<string, List<TapsetSignature>>> Dump = new(ReadDump);

    public static TheoryData<string> CatalogueNames() => new(CatalogueMethods().Select(m => m.Name).Distinct().Order(StringComparer.Ordinal));

    [Fact]
    public void Catalogue_is_not_empty_and_names_are_stap_identifiers()
    {
        var names = CatalogueMethods().Select(m => m.Name).Distinct().ToList();
        Assert.True(names.Count > 100, $"only {names.Count} functions in the catalogue");
        Assert.All(names, n => Assert.Matches("^[A-Za-z_][A-Za-z0-9_]*$", n));
    }

    [StapTheory]
    [MemberData(nameof(CatalogueNames))]
    public void Function_exists_in_stap_with_a_matching_overload(string name)
    {
        Assert.True(Dump.Value.TryGetValue(name, out var overloads), $"stap --dump-functions has no function '{name}'");
        foreach (var method in CatalogueMethods().Where(m => m.Name == name).Select(m => m.Member))
        {
            var parameters = method.GetParameters().Select(p => StapTypeOf(p.ParameterType)).ToList();
            var result = StapTypeOf(method.ReturnType);
            Assert.True(
                overloads.Any(o => o.Matches(result, parameters)),
                $"Stap.{method.Name}({string.Join(", ", parameters)}) : {result} matches none of stap's overloads:\n" +
                string.Join("\n", overloads.Select(o => o.Text)));
        }
    }

    /// <summary>The members that name a tapset function (translator built-ins and @-operators excluded).</summary>
    private static IEnumerable<(string Name, MethodInfo Member)> CatalogueMethods() =>
        typeof(Stap).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Select(m => (Name: m.GetCustomAttribute<StapFunctionAttribute>()?.Name, Member: m))
            .Where(m => m.Name is { } n && !BuiltIns.Contains(n) && !n.StartsWith('@') && !n.StartsWith("__stapsharp_", StringComparison.Ordinal))
            .Select(m => (m.Name!, m.Member));

    private static string StapTypeOf(Type type) =>
        type == typeof(string) ? "string" : type == typeof(long) || type == typeof(bool) ? "long" : type == typeof(void) ? "void" : type.Name;

    private static Dictionary<string, List<TapsetSignature>> ReadDump()
    {
        var (exitCode, stdout, stderr) = StapTool.Dump("--dump-functions");
        Assert.True(exitCode == 0, "stap --dump-functions failed:\n" + stderr);
        var signatures = new Dictionary<string, List<TapsetSignature>>(StringComparer.Ordinal);
        foreach (var line in stdout.Split('\n'))
        {
            if (TapsetSignature.Parse(line) is { } signature)
            {
                (signatures.TryGetValue(signature.Name, out var list) ? list : signatures[signature.Name] = []).Add(signature);
            }
        }

        return signatures;
    }

    /// <summary>One line of the dump: <c>name:type (p:type, ...) /* pragmas */</c>; "unknown" types are not declared.</summary>
    private sealed record TapsetSignature(string Name, string Result, IReadOnlyList<string> Parameters, string Text)
    {
        private static readonly Regex Line = new(@"^(?<name>[A-Za-z_][A-Za-z0-9_]*):(?<result>\w+) \((?<parameters>[^)]*)\)");

        public static TapsetSignature? Parse(string line)
        {
            var match = Line.Match(line);
            if (!match.Success)
            {
                return null;
            }

            var parameters = match.Groups["parameters"].Value.Length == 0
                ? []
                : match.Groups["parameters"].Value.Split(", ").Select(p => p[(p.IndexOf(':') + 1)..]).ToList();
            return new TapsetSignature(match.Groups["name"].Value, match.Groups["result"].Value, parameters, line.Trim());
        }

        /// <summary>Same arity; each declared type equal; a C# void result fits any stap result (the value is dropped).</summary>
        public bool Matches(string result, IReadOnlyList<string> parameters) =>
            parameters.Count == Parameters.Count &&
            parameters.Zip(Parameters).All(p => p.Second == "unknown" || p.First == p.Second) &&
            (result == "void" || Result == "unknown" || Result == result);
    }
}
