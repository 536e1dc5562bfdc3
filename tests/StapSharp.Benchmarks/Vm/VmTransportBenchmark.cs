using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using StapSharp.Protocol.StapMessages;
using StapSharp.Runtime.Machines;
using StapSharp.Runtime.Sessions;
using StapSharp.Runtime.Targets;

namespace StapSharp.Benchmarks.Vm;

/// <summary>
/// End to end, side by side: events per second from a probe in the VM to typed C# records, over the UART (the old
/// path) and over virtio-serial, beside the same module writing to /dev/null inside the guest (what the guest alone
/// sustains). Every row runs the same module for the same time; a row's rate is the events that reached their end
/// (the host's records, or the guest's /dev/null) divided by the time from the probes going live to staprun's exit,
/// which includes draining what waited in stap's buffer. Minutes long, so not a BenchmarkDotNet benchmark:
/// <c>dotnet run -c Release --project tests/StapSharp.Benchmarks -- vm-transport [--seconds N] [--per-fire N,N] [--cpus N] [--paths P,P]</c>.
/// </summary>
internal static partial class VmTransportBenchmark
{
    /// <summary>Bytes of one <see cref="Tick"/> frame: marker, kind, type id, timestamp, cpu, two longs, newline.</summary>
    private const int FrameBytes = 2 + 2 + 8 + 2 + 8 + 8 + 1;

    private enum Path { Uart, VirtioSerial, GuestDevNull }

    private const int BufferMb = 2;

    /// <summary>stap's per-CPU print buffer (STP_BUFFER_SIZE): a probe's output is flushed when it ends or this fills.</summary>
    private const int PrintBufferBytes = 8192;

    private sealed record Row(Path Path, long PerFire, long Emitted, long Failures, long Delivered, bool EndLine, TimeSpan Emitting, string Notes)
    {
        public double EventsPerSecond => Emitting > TimeSpan.Zero ? Delivered / Emitting.TotalSeconds : 0;
        public double MegabytesPerSecond => EventsPerSecond * FrameBytes / 1e6;
    }

    [GeneratedRegex(@"transport-burst fired=(\d+) emitted=(\d+) ns=(\d+)")]
    private static partial Regex Summary();

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = 10;
        var cpus = 1;
        long[] perFire = [100, 200];
        Path[] paths = [Path.GuestDevNull, Path.VirtioSerial, Path.Uart];
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (args[i] == "--seconds")
            {
                seconds = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            }
            else if (args[i] == "--per-fire")
            {
                perFire = args[i + 1].Split(',').Select(n => long.Parse(n, CultureInfo.InvariantCulture)).ToArray();
            }
            else if (args[i] == "--cpus")
            {
                cpus = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            }
            else if (args[i] == "--paths")
            {
                paths = args[i + 1].Split(',').Select(Enum.Parse<Path>).ToArray();
            }
        }

        // /dev/null's count subtracts one firing's events per failed flush: a firing must be one flush.
        if (perFire.Any(n => n < 1 || n * FrameBytes > PrintBufferBytes))
        {
            throw new ArgumentException($"--per-fire takes 1 to {PrintBufferBytes / FrameBytes} events (one flush of stap's {PrintBufferBytes}-byte print buffer)");
        }

        var session = ScriptSession.Open(TargetChoice.Vm);
        var script = StapScript.ForClass(nameof(TransportBurst), TransportBurst.StapScript) with
        {
            // A thousand events per firing is more than stap's default 1000 statements, and under TCG the probe
            // would trip the overload guard, which stops a script using more than half the CPU.
            Options = ["-DMAXACTION=1000000", "-DSTP_NO_OVERLOAD"],
        };
        var build = await session.BuildAsync(script, progress: null, CancellationToken.None);
        if (!build.Succeeded)
        {
            Console.Error.WriteLine(build.Result.Stderr);
            return 1;
        }

        var rows = new List<Row>();
        foreach (var rate in perFire)
        {
            foreach (var path in paths)
            {
                var row = await RunOnceAsync(session, build, path, rate, seconds, cpus);
                Console.Error.WriteLine($"// {row}");
                rows.Add(row);
            }
        }

        Print(rows, seconds, cpus);
        return 0;
    }

    private static async Task<Row> RunOnceAsync(ScriptSession session, ScriptBuild build, Path path, long perFire, int seconds, int cpus)
    {
        var options = new RunOptions
        {
            GuestCpus = cpus,
            TimeLimit = TimeSpan.FromSeconds(seconds),
            VmOutput = path == Path.Uart ? VmOutputChannel.Uart : VmOutputChannel.VirtioSerial,
            DiscardOutputInGuest = path == Path.GuestDevNull,
            ModuleGlobals = [new("PerFire", perFire.ToString(CultureInfo.InvariantCulture))],
            StopGracePeriod = TimeSpan.FromMinutes(1),
            // stapio does not drain stap's buffer when the script stops: what waits there is lost without a warning.
            // A small buffer makes output the path cannot carry show up as transport failures, so /dev/null's count is right.
            BufferSizeMb = BufferMb,
        };
        long ticks = 0, emitted = 0, failures = 0, emittingNs = 0;
        var endLine = false;
        var messages = new List<string>();
        var handlers = new EventHandlers()
            .On<Tick>(_ => ticks++)
            .OnText(line => endLine |= line.StartsWith("end after ", StringComparison.Ordinal))
            .OnMessage(line =>
            {
                messages.Add(line);
                Console.Error.WriteLine($"// {path}: {line}");
                if (Summary().Match(line) is { Success: true } summary)
                {
                    emitted = long.Parse(summary.Groups[2].Value, CultureInfo.InvariantCulture);
                    emittingNs = long.Parse(summary.Groups[3].Value, CultureInfo.InvariantCulture);
                }
                if (StapMessageClassifier.Classify(line) is { Kind: StapMessageKind.TransportFailures, TransportFailureCount: { } lost })
                {
                    failures = lost;
                }
            });
        var clock = Stopwatch.StartNew();
        await using var events = session.OpenEvents(build, options, new EventSessionOptions { MaxWaitWhenFull = Timeout.InfiniteTimeSpan });
        var summary = await events.DispatchAsync(handlers);
        var run = summary.Run ?? throw new InvalidOperationException("the run gave no result");
        if (run.ExitCode != 0)
        {
            // The probe can take the whole guest CPU (under TCG a few hundred events per ms do): that is a limit too.
            Console.Error.WriteLine($"// the {path} run failed: {run.Failure}");
            return new Row(path, perFire, emitted, failures, 0, endLine, TimeSpan.Zero, "no result: " + run.Failure?.Split('\n')[0]);
        }
        // What reached /dev/null: what stap did not drop, one firing's events per failed flush.
        var delivered = path == Path.GuestDevNull ? emitted - failures * perFire : ticks;
        var notes = $"round trip {clock.Elapsed.TotalSeconds:0} s, boot {run.BootTime.TotalSeconds:0.0} s, run {run.RunTime.TotalSeconds:0.0} s, decode errors {summary.DecodeErrors}";
        return new Row(path, perFire, emitted, failures, delivered, endLine, TimeSpan.FromTicks(emittingNs / 100), notes);
    }

    private static string LoadAverage()
    {
        try { return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "unknown"; }
    }

    private static void Print(IReadOnlyList<Row> rows, int seconds, int cpus)
    {
        Console.WriteLine($"Probes emit for {seconds} s (-T); events/s = events that reached their end ÷ the time the probes emitted " +
                          $"(begin to end probe); {FrameBytes} bytes per event; stap's buffer {BufferMb} MiB; {cpus} guest CPU(s), TCG; load average {LoadAverage()}.");
        Console.WriteLine();
        Console.WriteLine("| events per ms | path | emitted | delivered | transport failures | end line | emitting | events/s | MB/s | × UART | ÷ guest limit |");
        Console.WriteLine("|---:|---|---:|---:|---:|---|---:|---:|---:|---:|---:|");
        foreach (var group in rows.GroupBy(r => r.PerFire))
        {
            var uart = group.SingleOrDefault(r => r.Path == Path.Uart)?.EventsPerSecond ?? double.NaN;
            var limit = group.SingleOrDefault(r => r.Path == Path.GuestDevNull)?.EventsPerSecond ?? double.NaN;
            foreach (var r in group)
            {
                var name = r.Path switch
                {
                    Path.Uart => "UART (ttyS1) → C# records",
                    Path.VirtioSerial => "virtio-serial → C# records",
                    _ => "guest /dev/null (the guest's limit)",
                };
                var end = r.Path == Path.GuestDevNull ? "–" : r.EndLine ? "arrived" : "LOST";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {r.PerFire} | {name} | {r.Emitted:N0} | {r.Delivered:N0} | {r.Failures:N0} | {end} | {r.Emitting.TotalSeconds:0.0} s | " +
                    $"{r.EventsPerSecond:N0} | {r.MegabytesPerSecond:0.00} | {r.EventsPerSecond / uart:0.0} | {limit / r.EventsPerSecond:0.00} |"));
            }
        }
    }
}
