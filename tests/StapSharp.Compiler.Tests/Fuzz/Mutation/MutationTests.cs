using System.Globalization;
using CsCheck;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StapSharp.Compiler.Tests.Support;
using StapSharp.Tests.Shared;
using Xunit.Abstractions;

namespace StapSharp.Compiler.Tests.Fuzz.Mutation;

/// <summary>
/// Real probe scripts changed in one step (<see cref="Mutants"/>) must never crash the translator: no
/// exception escapes <see cref="ScriptCompiler"/> (neither the command line's entry nor the IDE's),
/// every error has an id and a real place; and what it still accepts, stap must parse.
/// </summary>
public sealed class MutationTests(ITestOutputHelper output)
{
    private const ulong CiSeed = 0x2014_0ca7;

    [Fact]
    public void Every_original_translates_alone()
    {
        foreach (var original in Mutants.Originals.Value)
        {
            TranslationChecks.AssertAccepted(TranslationChecks.Translate(Path.GetFileName(original.Name), original.Text));
        }

        Assert.True(Mutants.Originals.Value.Count > 20, "too few probe scripts found to mutate");
    }

    [StapFact]
    public void One_step_mutants_of_real_scripts_never_crash_the_translator()
    {
        var gen = Mutants.All;
        var run = FuzzRun.For(CiSeed, 150);
        int count = 0, accepted = 0, csharpErrors = 0, parsed = 0;
        foreach (var batch in run.Batches(gen, 100))
        {
            var results = StapBatch.OnAllCores(batch, sample => (Sample: sample, Translation: Translate(sample.Value), Failure: Failure(sample.Value)));
            foreach (var (sample, translation, failure) in results)
            {
                count++;
                if (failure is not null)
                {
                    FailShrunk(run, sample, failure);
                }

                accepted += translation.Accepted ? 1 : 0;
                csharpErrors += translation.Output!.Diagnostics.Any(d => d.Id.StartsWith("CS", StringComparison.Ordinal)) ? 1 : 0;
            }

            var scripts = results.Where(r => r.Translation.Accepted).SelectMany(r => r.Translation.Output!.Scripts.Select(s => (r.Sample, Script: s))).ToList();
            var rejected = StapBatch.ParseErrors(scripts.Select((s, i) => (i.ToString(CultureInfo.InvariantCulture), s.Script.Text)).ToList());
            parsed += scripts.Count - rejected.Count;
            if (rejected.Count > 0)
            {
                var (sample, script) = scripts[int.Parse(rejected.Keys.First(), CultureInfo.InvariantCulture)];
                Assert.Fail($"mutant seed {sample.Seed} (replay: STAPSHARP_FUZZ_SEED={sample.Seed}): accepted, but stap -p1 rejects its script:\n{rejected.Values.First()}\n--- script ---\n{script.Text}\n--- mutant ---\n{sample.Value}");
            }
        }

        output.WriteLine($"{count} mutants: {accepted} accepted (their scripts: {parsed} parsed by stap -p1), {count - accepted} rejected ({csharpErrors} with C# errors); seed {run.Seed}");
        Assert.True(accepted > 0 && accepted < count, "the mutants should be partly accepted and partly rejected");
    }

    private static Translation Translate(Mutant mutant) => TranslationChecks.Translate(Path.GetFileName(mutant.Origin), mutant.Text);

    /// <summary>What is wrong with the translations of the mutant (the command line's and the IDE's), or null.</summary>
    private static string? Failure(Mutant mutant)
    {
        try
        {
            TranslationChecks.AssertNoCrashAndPlacedDiagnostics(Translate(mutant));
            var compilation = CSharpCompilation.Create("Mutant", [CSharpSyntaxTree.ParseText(mutant.Text, new CSharpParseOptions(LanguageVersion.Latest), "Mutant.cs")],
                TestCompiler.References.Value, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            ScriptCompiler.CompileWhereValid(compilation);
            return null;
        }
        catch (TranslationException e)
        {
            return e.Message;
        }
        catch (Exception e)
        {
            return "an exception escaped ScriptCompiler.CompileWhereValid: " + e;
        }
    }

    private static void FailShrunk(FuzzRun run, Sample<Mutant> sample, string failure)
    {
        var report = $"mutant seed {sample.Seed} (replay: STAPSHARP_FUZZ_SEED={sample.Seed}): {failure}\n--- mutant ---\n{sample.Value}";
        try
        {
            FuzzRun.Shrink(Mutants.All, sample.Seed, mutant =>
            {
                if (Failure(mutant) is { } smaller)
                {
                    throw new TranslationException(smaller);
                }
            }, mutant => mutant.ToString());
        }
        catch (CsCheckException shrunk)
        {
            Assert.Fail(report + "\n\n=== shrunk by CsCheck ===\n" + shrunk.Message);
        }

        Assert.Fail(report + $"\n\n(run seed {run.Seed}; the failure did not repeat when the seed was replayed)");
    }
}
