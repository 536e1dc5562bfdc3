using System.Diagnostics;
using CsCheck;
using StapSharp.Compiler.Tests.Fuzz.Programs;
using StapSharp.Compiler.Tests.Support;
using StapSharp.Tests.Shared;
using Xunit.Abstractions;

namespace StapSharp.Compiler.Tests.Fuzz;

/// <summary>
/// Random valid probe scripts (<see cref="ProgramGenerator"/>) through the translator and the real
/// stap. Every program must translate without an exception and be accepted (it uses documented
/// forms only); every emitted script must keep stap's library names free, and parse with stap
/// (all of them, batched: <see cref="StapBatch"/>); a fixed sample also passes <c>stap -p2</c>.
/// A failure is shrunk by CsCheck and reported with the seed that reproduces it.
/// </summary>
public sealed class ProgramFuzzTests(ITestOutputHelper output)
{
    private const ulong CiSeed = 0x5a5a_2014;
    private const int BatchSize = 100;

    /// <summary>Every n-th program of a batch also goes through stap -p2.</summary>
    private const int P2Every = 20;

    [StapTheory]
    [InlineData("Everyday", 200)]
    [InlineData(nameof(FuzzFeatures.NamedArgumentsInAnyOrder), 40)]
    [InlineData(nameof(FuzzFeatures.TapsetFunctionNames), 40)]
    [InlineData(nameof(FuzzFeatures.PrintBuiltinNames), 40)]
    [InlineData(nameof(FuzzFeatures.TapsetGlobalNames), 40)]
    [InlineData(nameof(FuzzFeatures.SpelledTwins), 40)]
    [InlineData(nameof(FuzzFeatures.LooseMembershipKeys), 40)]
    [InlineData(nameof(FuzzFeatures.UnwrittenGlobals), 40)]
    [InlineData(nameof(FuzzFeatures.PrefixIncrementStatements), 40)]
    [InlineData(nameof(FuzzFeatures.EntryKeyParts), 40)]
    public void Every_accepted_program_parses_with_stap_and_a_sample_resolves(string area, int programs)
    {
        var features = FuzzFeatures.With(area);
        var gen = ProgramGenerator.Programs(features);
        var run = FuzzRun.For(CiSeed, programs);
        var counts = new Counts();
        var clock = Stopwatch.StartNew();
        var phases = new Stopwatch[4].Select(_ => new Stopwatch()).ToArray();
        phases[0].Start();
        foreach (var batch in run.Batches(gen, BatchSize))
        {
            phases[0].Stop();
            phases[1].Start();
            var translated = StapBatch.OnAllCores(batch, sample => (Sample: sample, Translation: TranslationChecks.Translate(sample.Value.Path, sample.Value.Text))).ToList();
            foreach (var (sample, translation) in translated)
            {
                counts.Programs++;
                var failure = Failure(() => TranslationChecks.AssertAccepted(translation), () => AssertScriptNames(translation));
                if (failure is not null)
                {
                    FailShrunk(run, gen, sample, failure, program => TranslateOrThrow(program));
                }
            }

            phases[1].Stop();
            phases[2].Start();
            var scripts = translated.SelectMany(t => t.Translation.Output!.Scripts.Select(script => (t.Sample, Script: script))).ToList();
            counts.Scripts += scripts.Count;
            var rejected = StapBatch.ParseErrors(scripts.Select((s, i) => (i.ToString(System.Globalization.CultureInfo.InvariantCulture), s.Script.Text)).ToList());
            counts.P1 += scripts.Count - rejected.Count;
            if (rejected.Count > 0)
            {
                var (sample, script) = scripts[int.Parse(rejected.Keys.First(), System.Globalization.CultureInfo.InvariantCulture)];
                FailShrunk(run, gen, sample, $"stap -p1 rejected the script of {script.FullName}:\n{rejected.Values.First()}\n--- script ---\n{script.Text}",
                    program => AssertStapPass(program, pass: 1));
            }

            phases[2].Stop();
            phases[3].Start();
            var resolving = scripts.Where(s => translated.FindIndex(t => t.Sample == s.Sample) % P2Every == 0).ToList();
            var p2 = StapBatch.OnAllCores(resolving, s => (s.Sample, s.Script, Result: RunSample(s.Script)));
            counts.P2Tried += p2.Length;
            counts.P2 += p2.Count(r => r.Result.ExitCode == 0);
            if (p2.FirstOrDefault(r => r.Result.ExitCode != 0) is { Script: not null } failed)
            {
                FailShrunk(run, gen, failed.Sample, $"stap -p2 rejected the script of {failed.Script.FullName}:\n{failed.Result.Stderr}\n--- script ---\n{failed.Script.Text}",
                    program => AssertStapPass(program, pass: 2));
            }

            phases[3].Stop();
            phases[0].Start();
        }

        phases[0].Stop();

        output.WriteLine($"{area}: {counts.Programs} programs, {counts.Scripts} scripts; stap -p1 passed {counts.P1}, -p2 passed {counts.P2} of {counts.P2Tried}; seed {run.Seed}; " +
            $"{clock.Elapsed.TotalSeconds:F1} s (generate {phases[0].Elapsed.TotalSeconds:F1}, translate {phases[1].Elapsed.TotalSeconds:F1}, -p1 {phases[2].Elapsed.TotalSeconds:F1}, -p2 {phases[3].Elapsed.TotalSeconds:F1})");
        Assert.True(counts.Programs > 0 && counts.P2Tried > 0, "the run generated nothing to check");
    }

    private sealed class Counts
    {
        public int Programs;
        public int Scripts;
        public int P1;
        public int P2;
        public int P2Tried;
    }

    /// <summary>
    /// stap on one script as its user script. -u: a generated probe may do nothing visible, and stap's
    /// optimiser would elide it (and report "no probes found" when all are): the check is resolution, not that.
    /// </summary>
    private static (int ExitCode, string Stdout, string Stderr) Run(CompiledScript script, int pass) =>
        StapTool.Run(script.Text, pass, "fuzz", script.RequiresGuru ? ["-u", "-g"] : ["-u"]);

    /// <summary>What a script must be beyond parsing: no name stap's library owns, no more values than stap prints.</summary>
    /// <summary>
    /// A sampled script through stap -p1 as its user script (its dump must show the statements the translator
    /// wrote, none joined) and then -p2; a -p1 finding is returned as a failed run.
    /// </summary>
    private static (int ExitCode, string Stdout, string Stderr) RunSample(CompiledScript script)
    {
        var (exitCode, dump, stderr) = Run(script, pass: 1);
        if (exitCode != 0)
        {
            return (exitCode, dump, stderr);
        }

        try
        {
            TranslationChecks.AssertStatementsKeptApart(dump);
        }
        catch (TranslationException e)
        {
            return (1, dump, e.Message + "\n--- stap -p1 dump ---\n" + dump);
        }

        return Run(script, pass: 2);
    }

    private static void AssertScriptNames(Translation translation)
    {
        foreach (var script in translation.Output!.Scripts)
        {
            TranslationChecks.AssertNoLibraryNames(script.Text);
            TranslationChecks.AssertWithinStapLimits(script.Text);
        }
    }

    private static Translation TranslateOrThrow(GeneratedProgram program)
    {
        var translation = TranslationChecks.Translate(program.Path, program.Text);
        TranslationChecks.AssertAccepted(translation);
        AssertScriptNames(translation);
        return translation;
    }

    /// <summary>The shrinking property for stap failures: translates (as the main property), then runs stap on each script as a user script.</summary>
    private static void AssertStapPass(GeneratedProgram program, int pass)
    {
        foreach (var script in TranslateOrThrow(program).Output!.Scripts)
        {
            var (exitCode, _, stderr) = pass == 2 ? RunSample(script) : Run(script, pass);
            if (exitCode != 0)
            {
                throw new TranslationException($"stap -p{pass} rejected {script.FullName}:\n{stderr}\n--- script ---\n{script.Text}");
            }
        }
    }

    private static string? Failure(params Action[] checks)
    {
        try
        {
            foreach (var check in checks)
            {
                check();
            }

            return null;
        }
        catch (TranslationException e)
        {
            return e.Message;
        }
    }

    /// <summary>Fails the test with the first failure, the program, and what CsCheck shrank it to (with its seed).</summary>
    private static void FailShrunk(FuzzRun run, Gen<GeneratedProgram> gen, Sample<GeneratedProgram> sample, string failure, Action<GeneratedProgram> property)
    {
        var report = $"run seed {run.Seed}, program seed {sample.Seed} (replay: STAPSHARP_FUZZ_SEED={sample.Seed}):\n{failure}\n--- program ---\n{sample.Value}";
        try
        {
            FuzzRun.Shrink(gen, sample.Seed, property, program => program.ToString());
        }
        catch (CsCheckException shrunk)
        {
            Assert.Fail(report + "\n\n=== shrunk by CsCheck ===\n" + shrunk.Message);
        }

        Assert.Fail(report + "\n\n(the failure did not repeat when the seed was replayed)");
    }
}
