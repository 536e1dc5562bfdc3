using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using StapSharp.Runtime.Remote;
using Xunit.Abstractions;

namespace StapSharp.EndToEnd.Tests.Remote;

/// <summary>
/// `stapsharp run --remote` for real, on three QEMU guests reached over ssh on loopback ports: one module for their
/// release, every host's events and end probes; a host that cannot be reached and a guest killed mid-run are
/// reported while the others go on. The guests are booted once for the class (see <see cref="FleetGuests"/>).
/// </summary>
[TestCaseOrderer(OrderByName.TypeName, OrderByName.Assembly)]
public sealed class FleetRunTests(FleetGuests fleet, ITestOutputHelper log) : IClassFixture<FleetGuests>
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
        var result = await RunOnEveryGuestAsync("FleetTicks.cs", Script, "-T", "6", "--format", "text");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Single(Regex.Matches(result.Stderr, @"building for \S+ \(stap -p4"));
        foreach (var guest in fleet.Guests)
        {
            var prefix = $"{guest.Host.Name}: ";
            var lines = result.StdoutLines.Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).ToList();
            Assert.Equal(prefix + "begin", lines.First());
            Assert.Matches(@"^\S+: end after \d+ ticks$", lines.Last());
            var ticks = lines.Count(l => l.StartsWith(prefix + "Tick Count=", StringComparison.Ordinal));
            Assert.True(ticks >= 5, result.ToString());
            Assert.Matches($@"{Regex.Escape(guest.Host.Name)}: \S+, clock [+−][\d.]+ ms ± [\d.]+ ms, {ticks} events, 0 drops, 0 warnings, \d+ late, exit code 0", result.Stderr);
        }
    }

    private const string LatencyScript = """
        using StapSharp;
        using static StapSharp.Stap;

        public sealed record Sample(long Seq, long LatencyNs);

        public sealed class FleetLatency : ProbeScript
        {
            private static long seq;

            [Probe("timer.ms(50)")]
            void Each()
            {
                seq++;
                long latency = Randint(1000);
                Println($"latency {latency}");
                Emit(new Sample(seq, latency));
            }
        }
        """;

    [VmFact]
    public async Task B_three_hosts_events_come_merged_in_timestamp_order_each_with_its_host()
    {
        var result = await RunOnEveryGuestAsync("FleetLatency.cs", LatencyScript, "-T", "4", "--format", "jsonl");

        Assert.True(result.ExitCode == 0, result.ToString());
        var events = result.StdoutLines.Select(l => JsonDocument.Parse(l).RootElement).Where(e => e.TryGetProperty("event", out _))
            .Select(e => (Host: e.GetProperty("host").GetString()!, Ns: e.GetProperty("timestampNs").GetInt64(), Seq: e.GetProperty("fields").GetProperty("Seq").GetInt64()))
            .ToList();
        Assert.Equal(fleet.Guests.Select(g => g.Host.Name).Order(StringComparer.Ordinal), events.Select(e => e.Host).Distinct().Order(StringComparer.Ordinal));
        // Each host's own order is kept; across hosts only an event counted late may come after a later timestamp.
        foreach (var host in events.GroupBy(e => e.Host))
        {
            Assert.Equal(Enumerable.Range(1, host.Count()).Select(i => (long)i), host.Select(e => e.Seq));
        }

        var outOfOrder = events.Where((e, i) => i > 0 && e.Ns < events.Take(i).Max(p => p.Ns)).Count();
        var late = Regex.Matches(result.Stderr, @", (\d+) late, ").Sum(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        Assert.True(outOfOrder <= late, $"{outOfOrder} events out of order, {late} late\n{result}");
        foreach (var guest in fleet.Guests)
        {
            Assert.Matches($@"{Regex.Escape(guest.Host.Name)}: .*, {events.Count(e => e.Host == guest.Host.Name)} events, 0 drops, .*, exit code 0", result.Stderr);
        }
    }

    [VmFact]
    public async Task C_percentiles_across_three_hosts_equal_those_of_every_hosts_values_together()
    {
        var result = await RunOnEveryGuestAsync("FleetLatency.cs", LatencyScript, "-T", "4", "--group-by", "host", "--percentiles", "LatencyNs");

        Assert.True(result.ExitCode == 0, result.ToString());
        // Every value the hosts sent, from the text line each event was printed with.
        var values = result.StdoutLines.Select(l => Regex.Match(l, @"^(\S+): latency (\d+)$")).Where(m => m.Success)
            .Select(m => (Host: m.Groups[1].Value, Value: long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(FleetGuests.Count, values.Select(v => v.Host).Distinct().Count());
        foreach (var host in values.GroupBy(v => v.Host).Select(g => (Name: g.Key, Values: g.Select(v => v.Value).ToList())).Append((Name: "(all hosts)", Values: values.Select(v => v.Value).ToList())))
        {
            var row = $@"│ +\d+ │ {Regex.Escape(host.Name)} +│ +{host.Values.Count} │ +[\d.]+% │ +{NearestRank(host.Values, 50)} │ +{NearestRank(host.Values, 90)} │ " +
                      $@"+{NearestRank(host.Values, 99)} │ +{NearestRank(host.Values, 99.9)} │ +{host.Values.Max()} │";
            Assert.True(Regex.IsMatch(result.Stdout, row), $"{row}\n{result}");
        }
    }

    /// <summary>`stapsharp run` of <paramref name="script"/> with <paramref name="options"/> on every guest of the fleet.</summary>
    private async Task<CliRunner.Result> RunOnEveryGuestAsync(string fileName, string script, params string[] options)
    {
        Assert.Null(fleet.Failure);
        using var temp = new TempFolder();
        var source = temp.Write(fileName, script);

        return await CliRunner.RunAsync(Long, ["run", source, .. options, "--ssh-config", fleet.SshConfig,
            .. fleet.Guests.SelectMany(g => new[] { "--remote", g.Host.ToString() })]);
    }

    /// <summary>The nearest-rank percentile, computed here on its own: the smallest value with at least p% of the values at or below it.</summary>
    private static long NearestRank(List<long> values, double percent)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return sorted[Math.Max(rank, 1) - 1];
    }

    [VmFact]
    public async Task D_hosts_on_two_kernel_releases_run_a_module_built_for_each_and_their_events_merge_with_their_host()
    {
        Assert.Null(fleet.Failure);
        Assert.True(fleet.OtherRelease is not null, fleet.OtherReleaseFailure);
        SshGuest[] guests = [fleet.Guests[0], fleet.OtherRelease];
        Assert.NotEqual(guests[0].Release, guests[1].Release);
        // The second guest's kernel command line differs as well (the run's report has no place for it: checked here).
        Assert.Contains(FleetGuests.OtherKernelParameter, (await SshAsync(guests[1], "cat /proc/cmdline")).Split(' ', StringSplitOptions.TrimEntries));
        Assert.DoesNotContain(FleetGuests.OtherKernelParameter, (await SshAsync(guests[0], "cat /proc/cmdline")).Split(' ', StringSplitOptions.TrimEntries));
        using var temp = new TempFolder();
        var source = temp.Write("FleetTicks.cs", Script);

        var result = await CliRunner.RunAsync(Long, ["run", source, "-T", "6", "--format", "jsonl", "--ssh-config", fleet.SshConfig,
            .. guests.SelectMany(g => new[] { "--remote", g.Host.ToString() })]);

        Assert.True(result.ExitCode == 0, result.ToString());
        log.WriteLine($"guests booted in {fleet.BootTime.TotalSeconds:0.0} s; {string.Join("; ", guests.Select(g => $"{g.Release}: {g.BootTime.TotalSeconds:0.0} s, {(g.OnHostFiles ? "host's files" : "own root")}"))}");
        log.WriteLine(result.Stderr);
        // One build per release, each with its own -r; staprun refuses a module built for another release than the
        // host's, so each host's events below also show that it got its own.
        var builds = Regex.Matches(result.Stderr, @"building for (\S+) \(stap -p4 -r (\S+)\)").Select(m => (For: m.Groups[1].Value, R: m.Groups[2].Value)).ToList();
        Assert.Equal(guests.Select(g => (g.Release, g.Release)).Order(), builds.Order());
        var events = result.StdoutLines.Select(l => JsonDocument.Parse(l).RootElement).Where(e => e.TryGetProperty("event", out _))
            .Select(e => (Host: e.GetProperty("host").GetString()!, Event: e.GetProperty("event").GetString()!, Count: e.GetProperty("fields").GetProperty("Count").GetInt64()))
            .ToList();
        foreach (var guest in guests)
        {
            var ticks = events.Where(e => e.Host == guest.Host.Name).ToList();
            Assert.True(ticks.Count >= 5, result.ToString());
            Assert.All(ticks, e => Assert.Equal("Tick", e.Event));
            Assert.Equal(Enumerable.Range(1, ticks.Count).Select(i => (long)i), ticks.Select(e => e.Count));
            Assert.Matches($@"{Regex.Escape(guest.Host.Name)}: {Regex.Escape(guest.Release)}, clock [+−][\d.]+ ms ± [\d.]+ ms, {ticks.Count} events, 0 drops, 0 warnings, \d+ late, exit code 0", result.Stderr);
        }
    }

    /// <summary>What <paramref name="command"/> prints on <paramref name="guest"/>, through ssh with the fleet's configuration.</summary>
    private async Task<string> SshAsync(SshGuest guest, string command)
    {
        var start = new ProcessStartInfo("ssh") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-F", fleet.SshConfig, "-p", guest.Port.ToString(CultureInfo.InvariantCulture), "root@127.0.0.1", command })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(limit.Token);
        Assert.True(process.ExitCode == 0, $"ssh {command}: exit {process.ExitCode}: {await stderr}");
        return (await stdout).Trim();
    }

    [VmFact]
    public async Task An_unreachable_host_is_reported_while_the_others_run()
    {
        Assert.Null(fleet.Failure);
        using var temp = new TempFolder();
        var source = temp.Write("FleetTicks.cs", Script);
        var closed = LoopbackPorts.Closed();

        var result = await CliRunner.RunAsync(Long, ["run", source, "-T", "4", "--format", "text", "--ssh-config", fleet.SshConfig,
            "--remote", fleet.Guests[0].Host.ToString(), "--remote", $"ssh://root@127.0.0.1:{closed}"]);

        Assert.Equal(4, result.ExitCode);
        Assert.Contains($"root@127.0.0.1:{closed}: release unknown, clock unknown, 0 events, 0 drops, 0 warnings, 0 late, FAILED connect: ssh could not connect:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Connection refused", result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"{fleet.Guests[0].Host.Name}: begin", result.StdoutLines);
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
        var start = CliRunner.StartInfo(["run", source, "-T", "12", "--format", "text", "--ssh-config", fleet.SshConfig,
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
                if (line.StartsWith($"{victim.Host.Name}: Tick ", StringComparison.Ordinal) && ++victimTicks == 3)
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
        var fromVictim = output.Split('\n').Where(l => l.StartsWith($"{victim.Host.Name}: ", StringComparison.Ordinal)).ToList();
        Assert.Equal($"{victim.Host.Name}: begin", fromVictim[0]);
        var victimEvents = fromVictim.Count(l => l.StartsWith($"{victim.Host.Name}: Tick ", StringComparison.Ordinal));
        Assert.True(victimEvents >= 3, output);
        Assert.DoesNotContain(fromVictim, l => l.Contains("end after", StringComparison.Ordinal));
        Assert.Matches($@"{Regex.Escape(victim.Host.Name)}: \S+, clock .*, {victimEvents} events, \d+ drops, \d+ warnings, \d+ late, FAILED run: (\w+: )?the connection to {Regex.Escape(victim.Host.Name)} was lost", errors);
        Assert.Matches($@"{Regex.Escape(survivor.Host.Name)}: end after \d+ ticks", output);
        Assert.Matches($@"{Regex.Escape(survivor.Host.Name)}: .*, exit code 0", errors);
    }
}
