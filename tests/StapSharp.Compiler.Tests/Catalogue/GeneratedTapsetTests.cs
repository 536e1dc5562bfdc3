using System.CodeDom.Compiler;
using System.Reflection;
using System.Text;
using StapSharp.Compiler.Tests.Support;
using StapSharp.TapsetGenerator;
using StapSharp.Tests.Shared;

namespace StapSharp.Compiler.Tests.Catalogue;

/// <summary>
/// The generated tapset members (runtime/StapSharp/Stap.Tapset.g.cs) and their table (docs/TAPSET-FUNCTIONS.md):
/// in step with the installed stap, never ambiguous with a hand-written member, and each one translates.
/// </summary>
public sealed class GeneratedTapsetTests
{
    private const string Regenerate = "regenerate with `dotnet run --project tools/StapSharp.TapsetGenerator` and commit both files";

    [StapFact]
    public void Generated_files_match_the_installed_stap()
    {
        var stap = InstalledStap.Find(out var missing);
        Assert.True(stap is not null, missing);
        foreach (var (path, expected) in GeneratedFiles.Generate(Repository.Root, stap!))
        {
            var committed = File.ReadAllText(Repository.PathOf(path));
            Assert.True(committed == expected, $"{path} is not what the installed stap's tapsets give: {FirstDifference(committed, expected)}; {Regenerate}");
        }
    }

    [Fact]
    public void There_are_generated_members_and_each_names_a_tapset_function()
    {
        Assert.True(Generated.Count > 300, $"only {Generated.Count} generated members");
        Assert.All(Generated, m => Assert.Matches("^[A-Za-z][A-Za-z0-9_]*$", StapName(m)!));
    }

    /// <summary>
    /// No call can mean a generated and a hand-written member: no generated member takes a stap function and arity a
    /// hand-written one covers, nor a C# name and parameter count a hand-written method (of any stap function) takes.
    /// </summary>
    [Fact]
    public void No_generated_member_overlaps_a_hand_written_one()
    {
        var overlaps = Generated.SelectMany(generated => HandWritten
                .Where(h => Accepts(h, generated.GetParameters().Length) && (h.Name == generated.Name || (StapName(h) is { } name && name == StapName(generated))))
                .Select(h => $"{Describe(generated)} overlaps the hand-written {Describe(h)}"))
            .ToList();
        Assert.True(overlaps.Count == 0, string.Join("\n", overlaps) + "\n" + Regenerate);
    }

    [Fact]
    public void Generated_members_differ_in_name_or_parameter_count()
    {
        var twins = Generated.GroupBy(m => (m.Name, m.GetParameters().Length)).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(twins);
    }

    /// <summary>
    /// A probe calls every generated member (arguments chosen by parameter type): the translator accepts each call
    /// and stap parses the script. Translations through real stap -p2 are in the TapsetFunctions snapshot.
    /// </summary>
    [StapFact]
    public void Every_generated_member_translates_and_stap_parses_the_calls()
    {
        var calls = new StringBuilder();
        foreach (var member in Generated)
        {
            var arguments = string.Join(", ", member.GetParameters().Select(p => p.ParameterType == typeof(string) ? "\"x\"" : "1"));
            calls.Append($"        {member.Name}({arguments});\n");
        }

        var source = TestCompiler.Usings + "[Guru]\npublic sealed class Calls : ProbeScript\n{\n    [Probe(\"begin\")]\n    void Begin()\n    {\n" + calls + "    }\n}\n";
        var script = TestCompiler.Single(source);
        foreach (var member in Generated)
        {
            Assert.Contains($"  {StapName(member)}(", script.Text, StringComparison.Ordinal);
        }

        var (exitCode, _, stderr) = StapTool.Run(script.Text, 1, "calls", ["-g"]);
        Assert.True(exitCode == 0, "stap -p1 rejected the calls:\n" + stderr);
    }

    [Fact]
    public void A_predicate_is_a_bool_that_conditions_and_negation_read_as_stap_s_1_or_0()
    {
        var script = TestCompiler.Single(TestCompiler.Class("""
                [Probe("begin")]
                void Begin()
                {
                    if (TargetSetPid(Pid()) && !IsSigBlocked(TaskCurrent(), 9) && !UserMode())
                    {
                        Println("yes");
                    }
                }
            """));
        const string Condition = "if ((target_set_pid(pid()) && (!is_sig_blocked(task_current(), 9))) && (!user_mode()))";
        Assert.True(script.Text.Contains(Condition, StringComparison.Ordinal), $"no `{Condition}` in\n{script.Text}");
    }

    private static readonly IReadOnlyList<MethodInfo> Members = typeof(Stap).GetMethods(BindingFlags.Public | BindingFlags.Static);

    private static readonly IReadOnlyList<MethodInfo> Generated = Members.Where(m => m.GetCustomAttribute<GeneratedCodeAttribute>() is not null).ToList();

    private static readonly IReadOnlyList<MethodInfo> HandWritten = Members.Where(m => m.GetCustomAttribute<GeneratedCodeAttribute>() is null).ToList();

    private static string? StapName(MethodInfo method) => method.GetCustomAttribute<StapFunctionAttribute>()?.Name;

    private static bool Accepts(MethodInfo method, int arity)
    {
        var parameters = method.GetParameters();
        var variadic = parameters.Length > 0 && parameters[^1].GetCustomAttribute<ParamArrayAttribute>() is not null;
        return parameters.Length == arity || (variadic && arity >= parameters.Length - 1);
    }

    private static string Describe(MethodInfo method) =>
        $"{method.Name}({string.Join(", ", method.GetParameters().Select(p => p.ParameterType.Name))}) [{StapName(method) ?? "no stap function"}]";

    private static string FirstDifference(string committed, string expected)
    {
        var committedLines = committed.Split('\n');
        var expectedLines = expected.Split('\n');
        var line = Enumerable.Range(0, Math.Min(committedLines.Length, expectedLines.Length)).FirstOrDefault(i => committedLines[i] != expectedLines[i], -1);
        return line < 0
            ? $"{committedLines.Length} lines committed, {expectedLines.Length} expected"
            : $"line {line + 1} is\n  {committedLines[line]}\nand should be\n  {expectedLines[line]}\n";
    }
}
