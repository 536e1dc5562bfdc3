using StapSharp.Compiler;
using StapSharp.Runtime.Sessions;
using StapSharp.Runtime.Targets;

namespace StapSharp.EndToEnd.Tests;

/// <summary>The VM's output keeps up with a probe that emits a hundred thousand events a second, so nothing is lost, the end probe's line included.</summary>
public sealed class HighRateOutputTests
{
    private const string Source = """
        using StapSharp;
        using static StapSharp.Stap;

        public sealed record Burst(long Seq, long Fire);

        public sealed class HighRate : ProbeScript
        {
            static long seq;
            static long fired;

            [Probe("timer.us(1000)")]
            void Fire()
            {
                for (long i = 0; i < 100; i++)
                    Emit(new Burst(seq++, fired));
                fired++;
            }

            [Probe("end")]
            void End() => Println($"end after {seq} events");
        }
        """;

    [VmFact]
    public async Task Every_event_of_a_hundred_per_millisecond_arrives_and_so_does_the_end_probes_line()
    {
        var compiled = ScriptCompiler.CompileSources([("HighRate.cs", Source)], ProbeScriptReferences.Create(typeof(ProbeScript).Assembly.Location));
        Assert.False(compiled.HasErrors, string.Join("\n", compiled.Diagnostics));
        var script = Assert.Single(compiled.Scripts);
        var session = ScriptSession.Open(TargetChoice.Vm);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        // A hundred events per firing is more than stap's 1000 statements allow, and under TCG the probe would trip
        // the guard that stops a script using more than half the CPU.
        var stapScript = StapScript.ForClass(script.ClassName, script.Text) with { Options = ["-DMAXACTION=100000", "-DSTP_NO_OVERLOAD"] };
        var build = await session.BuildAsync(stapScript, progress: null, timeout.Token);
        Assert.True(build.Succeeded, build.Result.Stderr);

        long events = 0;
        var text = new List<string>();
        var messages = new List<string>();
        await using (var run = session.OpenEvents(build, new RunOptions { TimeLimit = TimeSpan.FromSeconds(5) },
            new EventSessionOptions { MaxWaitWhenFull = Timeout.InfiniteTimeSpan }, timeout.Token))
        {
            await foreach (var item in run.ReadAllAsync(timeout.Token))
            {
                switch (item.Kind)
                {
                    case RunItemKind.Event:
                        events++;
                        break;
                    case RunItemKind.Text:
                        text.Add(item.Text!);
                        break;
                    case RunItemKind.Message:
                        messages.Add(item.Text!);
                        break;
                }
            }

            var summary = await run.Completion;
            Assert.True(summary.Run?.ExitCode == 0, $"{summary.Run}\n{string.Join("\n", messages)}");
            Assert.Equal(0, summary.DecodeErrors);
        }

        var diagnostics = $"{events} events; text: {string.Join(" | ", text)}; messages: {string.Join(" | ", messages)}";
        var end = Assert.Single(text, line => line.StartsWith("end after ", StringComparison.Ordinal));
        Assert.Equal($"end after {events} events", end);
        Assert.True(events >= 300_000, diagnostics); // about five seconds at 100 000 a second
        Assert.DoesNotContain(messages, m => m.Contains("transport failures", StringComparison.Ordinal));
    }
}
