using System.Globalization;
using StapSharp.Runtime.Machines;
using StapSharp.Runtime.Sessions;
using StapSharp.Runtime.Targets;

namespace StapSharp.Benchmarks.Vm;

/// <summary>
/// How long the VM takes from QEMU's start to the probes being live, with and without the host's file system (9p and
/// an overlay, with their kernel modules), in alternating runs of the same module so both see the same machine:
/// <c>dotnet run -c Release --project tests/StapSharp.Benchmarks -- vm-boot [--runs N]</c>.
/// </summary>
internal static class VmBootBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var runs = args is ["--runs", var n] ? int.Parse(n, CultureInfo.InvariantCulture) : 3;
        var session = ScriptSession.Open(TargetChoice.Vm);
        var build = await session.BuildAsync(StapScript.ForClass("BootProbe", "probe begin { println(\"live\") exit() }\n"), progress: null, CancellationToken.None);
        if (!build.Succeeded)
        {
            Console.Error.WriteLine(build.Result.Stderr);
            return 1;
        }

        var boots = new Dictionary<bool, List<double>> { [false] = [], [true] = [] };
        for (var i = 0; i < runs; i++)
        {
            foreach (var hostFiles in new[] { false, true })
            {
                var result = await session.RunAsync(build, new RunOptions { ShareHostFileSystem = hostFiles, TimeLimit = TimeSpan.FromSeconds(60) },
                    _ => ValueTask.CompletedTask, CancellationToken.None);
                if (result.ExitCode != 0)
                {
                    throw new InvalidOperationException($"boot run failed: {result}");
                }

                boots[hostFiles].Add(result.BootTime.TotalSeconds);
                Console.Error.WriteLine($"// host files {hostFiles}: boot {result.BootTime.TotalSeconds:0.0} s");
            }
        }

        // The KVM probe: once with no verdict kept (a probe boot), once reading the verdict it kept.
        var cache = Directory.CreateTempSubdirectory("stapsharp-bench-accel-");
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var probed = await VmAcceleration.ChooseAsync(session.Toolchain, null, CancellationToken.None, cache.FullName);
            var probe = clock.Elapsed;
            var cached = await VmAcceleration.ChooseAsync(session.Toolchain, null, CancellationToken.None, cache.FullName);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"KVM probe: {probed.Accelerator} after {probe.TotalSeconds:0.0} s ({probed.Notice ?? "KVM boots the guest"}); with the verdict kept: {(clock.Elapsed - probe).TotalMilliseconds:0.0} ms, {cached.Accelerator}."));
            Console.WriteLine();
        }
        finally
        {
            cache.Delete(recursive: true);
        }

        Console.WriteLine($"Boot = QEMU started → probes live (TCG, 1 CPU, 512 MiB), {runs} alternating runs each; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}.");
        Console.WriteLine();
        Console.WriteLine("| guest | median boot | runs |");
        Console.WriteLine("|---|---:|---|");
        foreach (var (hostFiles, times) in boots)
        {
            var sorted = times.Order().ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {(hostFiles ? "with the host's files (9p + overlay)" : "initramfs only")} | {sorted[sorted.Count / 2]:0.0} s | {string.Join(", ", times.Select(t => t.ToString("0.0", CultureInfo.InvariantCulture)))} s |"));
        }
        return 0;
    }
}
