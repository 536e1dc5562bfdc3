using StapSharp.Runtime.Events;
using StapSharp.Runtime.Sessions;
using StapSharp.Runtime.Targets;

namespace StapSharp.EndToEnd.Tests.Events;

/// <summary>
/// The acceptance test of typed events: records with hostile strings are emitted by one real module in
/// the VM, read back through an event session with the decoder generated for the record, and every one
/// decodes equal to what the script sent; strings stap cut at 511 bytes arrive flagged.
/// </summary>
public sealed class HostileEventRoundTripTests
{
    private const int Count = 40;
    private const ulong Seed = 0x5EED_0E7E_2026;

    [VmFact]
    public async Task Every_emitted_record_decodes_back_equal()
    {
        var samples = HostileEventScript.Generate(Count, Seed);
        var script = GeneratedDecoders.Translate("HostileEvents.cs", HostileEventScript.Source(samples), typeof(HostileEvent));
        GeneratedDecoders.Register<HostileEvent>(script.Events);

        var session = ScriptSession.Open(TargetChoice.Vm);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        var build = await session.BuildAsync(StapScript.ForClass(script.ClassName, script.Text), progress: null, timeout.Token);
        Assert.True(build.Succeeded, build.Result.Stderr);

        var received = new List<(HostileEvent Event, ulong Truncated)>();
        var other = new List<string>();
        await using (var run = session.OpenEvents(build, new RunOptions { TimeLimit = TimeSpan.FromMinutes(2) }, cancel: timeout.Token))
        {
            await foreach (var item in run.ReadAllAsync(timeout.Token))
            {
                if (item.Kind == RunItemKind.Event && item.Event is HostileEvent e)
                {
                    received.Add((e, item.TruncatedFields));
                }
                else if (item.Kind != RunItemKind.Message)
                {
                    other.Add(item.ToString());
                }
            }

            var summary = await run.Completion;
            Assert.True(summary.DecodeErrors == 0, $"{summary.DecodeErrors} decode errors: {string.Join("; ", summary.DecodeErrorSamples)}");
        }

        Assert.True(other.Count == 0, "unexpected output:\n" + string.Join("\n", other));
        Assert.Equal(Enumerable.Range(0, Count).Select(i => (long)i), received.Select(r => r.Event.Id).Order());
        foreach (var (decoded, truncated) in received)
        {
            var sample = samples[(int)decoded.Id];
            Assert.Equal(sample.Expected, decoded);
            // Field 1 is Text, field 7 is Other: flagged exactly when stap may have cut them.
            Assert.Equal(sample.TextCut, (truncated & (1UL << 1)) != 0);
            Assert.Equal(sample.OtherCut, (truncated & (1UL << 7)) != 0);
        }
    }
}
