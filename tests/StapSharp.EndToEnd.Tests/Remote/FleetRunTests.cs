using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace StapSharp.EndToEnd.Tests.Remote;

/// <summary>
/// `stapsharp run --remote` for real, on three QEMU guests reached over ssh on loopback ports: one module for their
/// release, every host's events and end probes; a host that cannot be reached and a guest killed mid-run are
/// reported while the others go on. The guests are booted once for the class (see <see cref="FleetGuests"/>).
/// </summary>
[TestCaseOrderer(OrderByName.TypeName, OrderByName.Assembly)]
public sealed class FleetRunTests(FleetGuests fleet) : IClassFixture<FleetGuests>
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(15);

    private const string Script = """
        using StapSharp;
        using static StapSharp.Stap;

        public sealed record Tick(long Count);

        public sealed class FleetTicks : ProbeScript
        {
            private static long ticks;

            [Probe("begin")]
            void Start() => Println("begin");

            [Probe("timer.ms(200)")]
            void Each()
            {
                ticks++;
                Emit(new Tick(ticks));
            }

            [Probe("end")]
            void End() => Println($"end after {ticks} ticks");
        }
        """;

    [VmFact]
    public async Task A_fleet_of_three_guests_runs_one_module_and_every_hosts_events_and_end_probe_arrive()
    {
        Assert.Null(fleet.Failure);
        using var temp = new TempFolder();
        var source = temp.Write("FleetTicks.cs", Script);

        var result = await CliRunner.RunAsync(Long, ["run", source, "-T", "6", "--ssh-config", fleet.SshConfig,
            .. fleet.Guests.SelectMany(g => new[] { "--remote", g.Host.ToString() })]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Single(Regex.Matches(result.Stderr, @"building for \S+ \(stap -p4"));
        foreach (var guest in fleet.Guests)
        {
            var prefix = $"[{guest.Host.Name}] ";
            var lines = result.StdoutLines.Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).ToList();
            Assert.Equal(prefix + "begin", lines.First());
            Assert.Matches(@"^\[[^]]+\] end after \d+ ticks$", lines.Last());
            Assert.True(lines.Count(l => l.Contains("Tick @", StringComparison.Ordinal)) >= 5, result.ToString());
            Assert.Matches($@"{Regex.Escape(guest.Host.Name)}: \S+, clock [+−][\d.]+ ms ± [\d.]+ ms, \d+ events, 0 drops, 0 warnings, exit code 0", result.Stderr);
        }
    }

    [VmFact]
    public async Task An_unreachable_host_is_reported_while_the_others_run()
    {
        Assert.Null(fleet.Failure);
        using var temp = new TempFolder();
        var source = temp.Write("FleetTicks.cs", Script);
        var closed = LoopbackPorts.Closed();

        var result = await CliRunner.RunAsync(Long, ["run", source, "-T", "4", "--ssh-config", fleet.SshConfig,
            "--remote", fleet.Guests[0].Host.ToString(), "--remote", $"ssh://root@127.0.0.1:{closed}"]);

        Assert.Equal(4, result.ExitCode);
        Assert.Contains($"root@127.0.0.1:{closed}: release unknown, clock unknown, 0 events, 0 drops, 0 warnings, FAILED connect: ssh could not connect:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Connection refused", result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"[{fleet.Guests[0].Host.Name}] begin", result.StdoutLines);
        Assert.Matches($@"{Regex.Escape(fleet.Guests[0].Host.Name)}: .*, exit code 0", result.Stderr);
    }

    [VmFact]
    public async Task Killing_a_guest_mid_run_keeps_what_it_sent_and_reports_its_fault_while_the_others_finish()
    {
        Assert.Null(fleet.Failure);
        using var temp = new TempFolder();
        var source = temp.Write("FleetTicks.cs", Script);
        var victim = fleet.Guests[^1];
        var survivor = fleet.Guests[0];
        var start = CliRunner.StartInfo(["run", source, "-T", "12", "--ssh-config", fleet.SshConfig,
            "--remote", survivor.Host.ToString(), "--remote", victim.Host.ToString()]);
        using var process = Process.Start(start)!;
        var stdout = new StringBuilder();
        var victimTicks = 0;
        var killed = new TaskCompletionSource();
        var reading = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                stdout.AppendLine(line);
                if (line.StartsWith($"[{victim.Host.Name}] ", StringComparison.Ordinal) && line.Contains("Tick @", StringComparison.Ordinal) && ++victimTicks == 3)
                {
                    victim.Kill();
                    killed.TrySetResult();
                }
            }
        });
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(Long);
        await process.WaitForExitAsync(limit.Token);
        await reading;
        var errors = await stderr;
        var output = stdout.ToString();

        Assert.True(killed.Task.IsCompleted, output + errors);
        // Every line that arrived from the victim before it died is printed and counted: its begin line and its ticks.
        var fromVictim = output.Split('\n').Where(l => l.StartsWith($"[{victim.Host.Name}] ", StringComparison.Ordinal)).ToList();
        Assert.Equal($"[{victim.Host.Name}] begin", fromVictim[0]);
        Assert.True(fromVictim.Count(l => l.Contains("Tick @", StringComparison.Ordinal)) >= 3, output);
        Assert.DoesNotContain(fromVictim, l => l.Contains("end after", StringComparison.Ordinal));
        Assert.Matches($@"{Regex.Escape(victim.Host.Name)}: \S+, clock .*, {fromVictim.Count} events, \d+ drops, \d+ warnings, FAILED run: the connection to {Regex.Escape(victim.Host.Name)} was lost", errors);
        Assert.Matches($@"\[{Regex.Escape(survivor.Host.Name)}\] end after \d+ ticks", output);
        Assert.Matches($@"{Regex.Escape(survivor.Host.Name)}: .*, exit code 0", errors);
    }
}
