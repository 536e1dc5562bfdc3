using System.Diagnostics;
using System.Globalization;
using CsCheck;

namespace StapSharp.Tests.Shared;

/// <summary>One generated sample and the CsCheck seed that generates it again.</summary>
public sealed record Sample<T>(string Seed, T Value);

/// <summary>
/// How much a fuzz test generates. In CI: a fixed number of samples from a fixed seed, so a run is
/// reproducible and its time predictable. Locally, <c>STAPSHARP_FUZZ_SECONDS=N</c> generates for N
/// seconds from a fresh seed (or <c>STAPSHARP_FUZZ_SEED</c>), and <c>STAPSHARP_FUZZ_SEED</c> alone
/// replays a run (a sample's own seed replays that sample first).
/// </summary>
public sealed class FuzzRun
{
    private readonly string _seed;
    private readonly int _count;
    private readonly TimeSpan? _duration;

    private FuzzRun(string seed, int count, TimeSpan? duration)
    {
        _seed = seed;
        _count = count;
        _duration = duration;
    }

    /// <summary>The run of a test: <paramref name="ciSamples"/> samples from the fixed <paramref name="ciSeed"/> unless the environment asks for more.</summary>
    public static FuzzRun For(ulong ciSeed, int ciSamples)
    {
        var seconds = Environment.GetEnvironmentVariable("STAPSHARP_FUZZ_SECONDS");
        var chosenSeed = Environment.GetEnvironmentVariable("STAPSHARP_FUZZ_SEED");
        if (int.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0)
        {
            return new FuzzRun(chosenSeed ?? PCG.ThreadPCG.ToString(), int.MaxValue, TimeSpan.FromSeconds(s));
        }

        return new FuzzRun(chosenSeed ?? new PCG(1, ciSeed).ToString(), ciSamples, null);
    }

    /// <summary>Seconds CsCheck may spend shrinking a failure (<c>STAPSHARP_FUZZ_SHRINK_SECONDS</c>, default 20).</summary>
    public static int ShrinkSeconds =>
        int.TryParse(Environment.GetEnvironmentVariable("STAPSHARP_FUZZ_SHRINK_SECONDS"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 20;

    public string Seed => _seed;

    /// <summary>
    /// The samples, in batches of <paramref name="batchSize"/> (so each batch can go to stap at once),
    /// until the count is reached or the time is up. The same seed gives the same samples.
    /// </summary>
    public IEnumerable<IReadOnlyList<Sample<T>>> Batches<T>(Gen<T> gen, int batchSize)
    {
        var pcg = PCG.Parse(_seed);
        var clock = Stopwatch.StartNew();
        var produced = 0;
        while (produced < _count && (_duration is null || clock.Elapsed < _duration))
        {
            var batch = new List<Sample<T>>();
            while (batch.Count < batchSize && produced < _count)
            {
                var state = pcg.State;
                var value = gen.Generate(pcg, null, out _);
                batch.Add(new Sample<T>(pcg.ToString(state), value));
                produced++;
            }

            yield return batch;
        }
    }

    /// <summary>
    /// Shrinks a failing sample with CsCheck, starting from its seed: CsCheck then throws with the
    /// smallest failing sample it found (printed with <paramref name="print"/>) and the seed that gives it.
    /// Returns when <paramref name="property"/> does not fail for that seed (a flaky failure).
    /// </summary>
    public static void Shrink<T>(Gen<T> gen, string seed, Action<T> property, Func<T, string> print) =>
        Check.Sample(gen, property, seed: seed, iter: long.MaxValue, time: ShrinkSeconds, threads: 1, print: print);
}
