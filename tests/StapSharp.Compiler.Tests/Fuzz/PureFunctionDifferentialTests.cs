using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StapSharp.Compiler.Tests.Fuzz.Differential;
using StapSharp.Compiler.Tests.Fuzz.Programs;
using StapSharp.Compiler.Tests.Ports;
using StapSharp.Compiler.Tests.Support;
using StapSharp.Tests.Shared;
using Xunit.Abstractions;

namespace StapSharp.Compiler.Tests.Fuzz;

/// <summary>
/// The differential test: pure functions (<see cref="PureFunctions"/>) are run twice, as C# (compiled
/// and called: the real C# semantics, constant folding and argument binding included) and as the
/// script the translator wrote for them, read back from stap's own parser (<c>-p1</c> dump) and
/// evaluated with stap's run-time semantics (<see cref="StapEvaluator"/>). The values must agree on
/// every input. This checks what -p1 alone cannot: that the script means what the C# means
/// (precedence, operator choice, literal spelling, argument order, string bytes).
/// </summary>
public sealed partial class PureFunctionDifferentialTests(ITestOutputHelper output)
{
    private const ulong CiSeed = 0x2014_d1ff;
    private const int FunctionsPerProgram = 12;

    private static readonly long[] Longs = [0, 1, -1, 2, 7, -7, 63, 64, 65, 1000, -1000, long.MaxValue, long.MinValue, int.MaxValue, 0x8000_0000, int.MinValue];

    private static readonly string[] AsciiStrings = ["", "a", "abc", "Z", "%d", "a\"b", "{}", "100%", "x y", "\\n"];

    private static readonly string[] Strings = [.. AsciiStrings, "é", "名前", "a\u2028b", "\U0001F600"];

    [StapTheory]
    [InlineData("Everyday", 15)]
    [InlineData(nameof(FuzzFeatures.NamedArgumentsInAnyOrder), 15)]
    [InlineData(nameof(FuzzFeatures.TapsetFunctionNames), 15)]
    [InlineData(nameof(FuzzFeatures.EscapedBraces), 15)]
    public void Translated_pure_functions_compute_what_the_CSharp_computes(string area, int programs)
    {
        var features = FuzzFeatures.With(area);
        var gen = PureFunctions.Programs(features, FunctionsPerProgram);
        var run = FuzzRun.For(CiSeed, programs);
        var stats = new Tally();
        foreach (var batch in run.Batches(gen, Environment.ProcessorCount))
        {
            var results = StapBatch.OnAllCores(batch, sample =>
            {
                var tally = new Tally();
                return (Sample: sample, Failure: Compare(sample.Value, features, tally), Tally: tally);
            });
            foreach (var (sample, failure, tally) in results)
            {
                if (failure is not null)
                {
                    FailShrunk(run, gen, sample, failure, features);
                }

                stats.Add(tally);
            }
        }

        output.WriteLine($"{area}: {stats.Programs} programs, {stats.Functions} functions, {stats.Evaluations} evaluations agree " +
                         $"({stats.Errors} both stop on division by 0, {stats.CSharpOverflows} where C# traps long.MinValue / -1 and stap computes); seed {run.Seed}");
        Assert.True(stats.Evaluations > stats.Functions, "the run evaluated nothing");
    }

    private sealed class Tally
    {
        public int Programs;
        public int Functions;
        public int Evaluations;
        public int Errors;
        public int CSharpOverflows;

        public void Add(Tally other)
        {
            Programs += other.Programs;
            Functions += other.Functions;
            Evaluations += other.Evaluations;
            Errors += other.Errors;
            CSharpOverflows += other.CSharpOverflows;
        }
    }

    /// <summary>Null when C# and the translated script agree on every function and input; otherwise what differs.</summary>
    private static string? Compare(PureProgram program, FuzzFeatures features, Tally stats)
    {
        var translation = TranslationChecks.Translate("Pure.cs", program.Text);
        try
        {
            TranslationChecks.AssertAccepted(translation);
        }
        catch (TranslationException e)
        {
            return e.Message;
        }

        var script = Assert.Single(translation.Output!.Scripts).Text;
        var (exitCode, dump, stderr) = StapTool.Run(script, 1, "pure");
        if (exitCode != 0)
        {
            return $"stap -p1 rejected the script:\n{stderr}\n--- script ---\n{script}";
        }

        var evaluator = new StapEvaluator(DumpFunctions(dump, program));
        var methods = CompileCSharp(program.Text);
        stats.Programs++;
        for (var f = 0; f < program.Functions.Count; f++)
        {
            var function = program.Functions[f];
            stats.Functions++;
            foreach (var arguments in Inputs(function, f, features))
            {
                var expected = RunCSharp(methods[f], arguments);
                StapValue? actual;
                string? stapError = null;
                try
                {
                    actual = evaluator.Call(StapName(f), arguments.Select(ToStap).ToList());
                }
                catch (StapRuntimeError e)
                {
                    actual = null;
                    stapError = e.Message;
                }
                catch (StapSemanticError e)
                {
                    return $"{function.Name}({string.Join(", ", arguments.Select(Show))}): the script cannot run: {e.Message}\n--- script ---\n{script}";
                }

                stats.Evaluations++;
                switch (expected)
                {
                    case { Exception: DivideByZeroException } when stapError is not null:
                        stats.Errors++;
                        continue;
                    case { Exception: OverflowException } when actual is not null:
                        // C# traps long.MinValue / -1 (and % -1); stap's _stp_div64 gives -x, _stp_mod64 0.
                        stats.CSharpOverflows++;
                        continue;
                    case { Value: { } value } when actual is { } stap && ToStap(value).Equals(stap):
                        continue;
                }

                return $"{function.Name}({string.Join(", ", arguments.Select(Show))}): C# gives {(expected.Exception is { } thrown ? thrown.GetType().Name : ToStap(expected.Value!).ToString())}, " +
                       $"the script {(actual is { } a ? a.ToString() : "stops: " + stapError)}\n--- functions involved ---\n{Involved(program, f)}\n--- script ---\n{script}";
            }
        }

        return null;
    }

    /// <summary>The stap name of the f-th function: the translator keeps the methods' order, so the dump's f-th function.</summary>
    private static string StapName(int f) => $"#{f}";

    /// <summary>Each function of the dump (in order) with its parameters and its one <c>return</c> expression.</summary>
    private static Dictionary<string, (IReadOnlyList<string>, StapExpression)> DumpFunctions(string dump, PureProgram program)
    {
        var functions = ParseTreeDump.Read(dump).Functions;
        Assert.Equal(program.Functions.Count, functions.Count);
        var byName = new Dictionary<string, (IReadOnlyList<string>, StapExpression)>(StringComparer.Ordinal);
        for (var f = 0; f < functions.Count; f++)
        {
            var header = FunctionHeader().Match(functions[f].Header);
            Assert.True(header.Success, $"unexpected function header in the dump: {functions[f].Header}");
            var parameters = header.Groups["parameters"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var body = Assert.IsType<ParseTreeDump.Simple>(Assert.Single(functions[f].Body)).Text;
            Assert.StartsWith("return ", body, StringComparison.Ordinal);
            var entry = ((IReadOnlyList<string>)parameters, StapDumpExpressionReader.Read(body["return ".Length..]));
            byName[header.Groups["name"].Value] = entry;
            byName[StapName(f)] = entry;
        }

        return byName;
    }

    [GeneratedRegex(@"^function (?<name>\S+) \((?<parameters>[^)]*)\)$")]
    private static partial Regex FunctionHeader();

    private static IReadOnlyList<MethodInfo> CompileCSharp(string text)
    {
        var compilation = CSharpCompilation.Create("PureFunctions" + Guid.NewGuid().ToString("N"),
            [CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Latest))], TestCompiler.References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, "the pure functions do not compile as C#:\n" + string.Join("\n", emitted.Diagnostics));
        image.Position = 0;
        var type = new AssemblyLoadContext(null, isCollectible: true).LoadFromStream(image).GetType(PureProgram.ClassName)!;
        return type.GetMethods(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
            .Where(m => m.ReturnType != typeof(void)).OrderBy(m => m.MetadataToken).ToList();
    }

    private static (object? Value, Exception? Exception) RunCSharp(MethodInfo method, object[] arguments)
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            return (method.Invoke(null, arguments), null);
        }
        catch (TargetInvocationException e)
        {
            return (null, e.InnerException);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    /// <summary>Eight argument lists per function, from values where C# and stap arithmetic are easy to get wrong.</summary>
    private static IEnumerable<object[]> Inputs(PureFunction function, int index, FuzzFeatures features)
    {
        var strings = features.NonAsciiLength ? Strings : AsciiStrings;
        for (var t = 0; t < 8; t++)
        {
            yield return function.Parameters.Select((p, i) => (object)(p.Kind switch
            {
                ValueKind.Long => Longs[(t * 7 + i * 3 + index) % Longs.Length],
                ValueKind.String => strings[(t * 5 + i + index) % strings.Length],
                _ => (t + i + index) % 2 == 0,
            })).ToArray();
        }
    }

    private static StapValue ToStap(object value) => value switch
    {
        long l => StapValue.Of(l),
        bool b => StapValue.Of(b ? 1 : 0),
        string s => StapValue.Of(Encoding.UTF8.GetBytes(s)),
        _ => throw new ArgumentException(value.GetType().Name),
    };

    private static string Show(object value) => value switch
    {
        string s => CSharpLiteral.Quote(s),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };

    /// <summary>The failing function and the ones it calls, as C#: the program cut to what the failure needs.</summary>
    private static string Involved(PureProgram program, int failing)
    {
        var needed = new SortedSet<int> { failing };
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var f in needed.ToList())
            {
                var body = CSharp.Of(program.Functions[f].Body);
                for (var g = 0; g < f; g++)
                {
                    if (Regex.IsMatch(body, $@"(?<![\w@]){Regex.Escape(program.Functions[g].Name)}\(") && needed.Add(g))
                    {
                        changed = true;
                    }
                }
            }
        }

        return new PureProgram(needed.Select(f => program.Functions[f]).ToList()).Text;
    }

    private static void FailShrunk(FuzzRun run, Gen<PureProgram> gen, Sample<PureProgram> sample, string failure, FuzzFeatures features)
    {
        var report = $"run seed {run.Seed}, program seed {sample.Seed} (replay: STAPSHARP_FUZZ_SEED={sample.Seed}):\n{failure}";
        try
        {
            FuzzRun.Shrink(gen, sample.Seed, program =>
            {
                if (Compare(program, features, new Tally()) is { } smaller)
                {
                    throw new TranslationException(smaller);
                }
            }, program => program.Text);
        }
        catch (CsCheckException shrunk)
        {
            Assert.Fail(report + "\n\n=== shrunk by CsCheck ===\n" + shrunk.Message);
        }

        Assert.Fail(report + "\n\n(the failure did not repeat when the seed was replayed)");
    }
}
