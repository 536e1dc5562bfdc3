using StapSharp.Compiler;
using StapSharp.Protocol.StapMessages;
using StapSharp.Runtime.Events;
using StapSharp.Runtime.Machines;
using StapSharp.Runtime.Sessions;
using StapSharp.Runtime.Targets;

namespace StapSharp.EndToEnd.Tests;

/// <summary>
/// The VM's output port keeps up with a probe that emits tens of thousands of events a second, so nothing is lost, the
/// end probe's line included; and when a probe emits more than the port carries, every loss is counted and reported.
/// </summary>
/// <remarks>
/// The lossless rate, 40 events a millisecond (about 1.9 MB/s), is four times what the UART carries and a quarter of
/// what virtio-serial carried in the transport benchmark on an idle host: the margin keeps the test meaningful on a CI
/// host whose two cores also run the other test tiers, and the whole run's output (about 9.4 MB) fits the guest's
/// 16 MiB buffer, so a host that stalls for a while delays events but cannot make stap drop them. At 100 a millisecond
/// the run's 23.5 MB does not fit: a host that drains less than 1.5 MB/s makes stap drop, and a record stap could
/// write only in part damages the frames around it (counted, as the overload test below checks). The benchmark, not
/// this test, measures the port's ceiling.
/// </remarks>
public sealed class HighRateOutputTests
{
    private static string Source(int eventsPerFiring) => $$"""
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
                for (long i = 0; i < {{eventsPerFiring}}; i++)
                    Emit(new Burst(seq++, fired));
                fired++;
            }

            [Probe("end")]
            void End() => Println($"end after {seq} events");
        }
        """;

    [VmFact]
    public async Task Every_event_of_forty_per_millisecond_arrives_and_so_does_the_end_probes_line()
    {
        var run = await RunAsync(eventsPerFiring: 40, VmOutputChannel.VirtioSerial, TimeSpan.FromSeconds(5));

        Assert.True(run.Summary.DecodeErrors == 0, $"{run.Summary.DecodeErrors} decode errors; {run.Describe()}");
        var end = Assert.Single(run.Text, line => line.StartsWith("end after ", StringComparison.Ordinal));
        Assert.Equal($"end after {run.Events} events", end);
        Assert.True(run.Events >= 120_000, run.Describe()); // about five seconds at 40 000 a second, less what TCG's timer skips
        Assert.DoesNotContain(run.Messages, m => m.Kind == StapMessageKind.TransportFailures);
    }

    [VmFact]
    public async Task Output_beyond_what_the_uart_carries_is_lost_only_where_counted_and_reported()
    {
        // A hundred events a millisecond is ten times what the UART carries: stap's buffer in the guest fills.
        var run = await RunAsync(eventsPerFiring: 100, VmOutputChannel.Uart, TimeSpan.FromSeconds(3));

        var failures = Assert.Single(run.Messages, m => m.Kind == StapMessageKind.TransportFailures);
        Assert.True(failures.TransportFailureCount > 0, run.Describe());
        Assert.True(run.Events > 0, run.Describe());
        // Every run of damaged bytes is a decode-error item with its reason, and what did decode is intact: sequence
        // numbers only rise, each event once.
        Assert.Equal(run.Summary.DecodeErrors, run.Damage.Count);
        Assert.All(run.Damage, reason => Assert.False(string.IsNullOrWhiteSpace(reason)));
        Assert.Equal(run.Sequence.Count, run.Sequence.Distinct().Count());
        Assert.Equal(run.Sequence.Order(), run.Sequence);
    }

    private sealed record HighRateRun(
        EventRunSummary Summary, List<long> Sequence, List<string> Text, List<StapMessage> Messages, List<string> Damage)
    {
        public long Events => Sequence.Count;

        public string Describe() =>
            $"{Events} events; text: {string.Join(" | ", Text)}; messages: {string.Join(" | ", Messages.Select(m => m.Text))}; " +
            $"damage: {string.Join(" | ", Damage.Take(5))}";
    }

    private static async Task<HighRateRun> RunAsync(int eventsPerFiring, VmOutputChannel channel, TimeSpan duration)
    {
        var compiled = ScriptCompiler.CompileSources(
            [("HighRate.cs", Source(eventsPerFiring))], ProbeScriptReferences.Create(typeof(ProbeScript).Assembly.Location));
        Assert.False(compiled.HasErrors, string.Join("\n", compiled.Diagnostics));
        var script = Assert.Single(compiled.Scripts);
        var session = ScriptSession.Open(TargetChoice.Vm);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        // A hundred events per firing is more than stap's 1000 statements allow, and under TCG the probe would trip
        // the guard that stops a script using more than half the CPU.
        var stapScript = StapScript.ForClass(script.ClassName, script.Text) with { Options = ["-DMAXACTION=100000", "-DSTP_NO_OVERLOAD"] };
        var build = await session.BuildAsync(stapScript, progress: null, timeout.Token);
        Assert.True(build.Succeeded, build.Result.Stderr);

        var sequence = new List<long>();
        var text = new List<string>();
        var messages = new List<StapMessage>();
        var damage = new List<string>();
        await using var run = session.OpenEvents(build, new RunOptions { TimeLimit = duration, VmOutput = channel },
            new EventSessionOptions { MaxWaitWhenFull = Timeout.InfiniteTimeSpan }, timeout.Token);
        await foreach (var item in run.ReadAllAsync(timeout.Token))
        {
            switch (item.Kind)
            {
                case RunItemKind.Event:
                    sequence.Add((long)((EventRow)item.Event!)["Seq"]!);
                    break;
                case RunItemKind.Text:
                    text.Add(item.Text!);
                    break;
                case RunItemKind.Message:
                    messages.Add(StapMessageClassifier.Classify(item.Text!) ?? new StapMessage(StapMessageKind.OtherWarning, item.Text!));
                    break;
                case RunItemKind.DecodeError:
                    damage.Add(item.Text!);
                    break;
            }
        }

        var summary = await run.Completion;
        var result = new HighRateRun(summary, sequence, text, messages, damage);
        Assert.True(summary.Run?.ExitCode == 0, $"{summary.Run}\n{result.Describe()}");
        return result;
    }
}
