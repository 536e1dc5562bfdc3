using StapSharp.Cli;
using StapSharp.Runtime.Sessions;
using StapSharp.Runtime.Toolchain;

namespace StapSharp.EndToEnd.Tests;

/// <summary>
/// `stapsharp run --local`: staprun on the kernel the CLI runs on. This host's kernel loads no modules, so the CLI runs
/// for real inside the VM, which boots the distribution kernel and sees this machine's files (dotnet and the CLI too).
/// </summary>
public sealed class LocalTargetTests
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(20);

    [VmFact]
    public async Task Run_local_inside_the_VM_decodes_the_output_and_a_Ctrl_C_runs_the_end_probe()
    {
        using var temp = new TempFolder();
        var sample = Path.Combine(CliRunner.RepositoryRoot(), "samples", "MkdirStats");
        await PrebuildForTheVmKernelAsync(sample);

        // A command that outlives the run, as a user's program does: Ctrl-C has to stop it with staprun.
        var made = Path.Combine(temp.Path, "made");
        var ready = Path.Combine(temp.Path, "ready");
        var fire = temp.Write("fire.sh", $"mkdir {made}; mkdir {made}; touch {ready}; exec sleep 300\n");
        var pidFile = Path.Combine(temp.Path, "cli.pid");
        var cli = Path.Combine(AppContext.BaseDirectory, "StapSharp.Cli.dll");
        var cacheHome = Path.GetDirectoryName(KernelBuildTree.DefaultCacheRoot())!;
        // The CLI in the foreground with SIGINT at its default (whatever started this script may ignore it), and the
        // interrupt from the side once the probes are armed: staprun starts its -c command only then.
        var guest = temp.Write("guest.sh", $$"""
            started=$(cut -d' ' -f1 /proc/uptime)
            ( while [ ! -e {{ready}} ]; do sleep 0.2; done; kill -INT "$(cat {{pidFile}})" ) &
            sh -c 'echo $$ >{{pidFile}}; exec env --default-signal=INT XDG_CACHE_HOME={{cacheHome}} dotnet exec {{cli}} run --local {{sample}} -c "sh {{fire}}"' >{{temp.Path}}/out 2>{{temp.Path}}/err
            echo "local-exit $?"
            echo "local-time from $started to $(cut -d' ' -f1 /proc/uptime) s of uptime"
            sed 's/^/local-out: /' {{temp.Path}}/out
            sed 's/^/local-err: /' {{temp.Path}}/err
            """);

        // The outer run only carries the guest script: its -c command's output comes back with the module's.
        var outer = await CliRunner.RunAsync(Long, "run", Path.Combine(CliRunner.RepositoryRoot(), "samples", "MkdirTrace"), "--vm", "-c", $"sh {guest}", "-T", "240");
        var local = outer.StdoutLines.Where(line => line.StartsWith("local-", StringComparison.Ordinal)).ToList();

        Assert.True(local.Contains("local-exit 0"), outer.ToString());
        Assert.Contains("local-err: stapsharp: module unchanged: using the cached build", local);
        Assert.Contains("local-err: stapsharp: stopping: running the end probes (Ctrl-C again to abort)", local);
        Assert.Contains("local-err: stapsharp: finished (stopped): exit code 0", local);
        // The end probe's report, decoded: both calls, the path's length (the tapset's pathname is quoted), the histogram.
        Assert.Contains("local-out: mkdir calls: 2", local);
        var quoted = made.Length + 2;
        Assert.Contains($"local-out: path length: min {quoted}, avg {quoted}, max {quoted}", local);
        Assert.Contains(local, line => line.StartsWith("local-out: value |---", StringComparison.Ordinal));
        Assert.Equal(2, local.Count(line => line.StartsWith("local-out: mkdir[", StringComparison.Ordinal) && line.EndsWith("]: 1 calls", StringComparison.Ordinal)));
    }

    [NoModuleSupportFact]
    public async Task Run_local_on_a_kernel_without_module_support_says_exactly_that_and_points_to_the_VM()
    {
        var release = HostCapabilities.Detect().RunningRelease;

        var result = await CliRunner.RunAsync(Long, "run", Path.Combine(CliRunner.RepositoryRoot(), "samples", "HelloWorld"), "--local");

        Assert.True(result.ExitCode == 2, result.ToString());
        var message = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"stapsharp: --local: this kernel cannot load modules: the running kernel {release} ", message, StringComparison.Ordinal);
        Assert.Matches(@" (is built without|has no) module support \(.*/proc/modules does not exist\); run in the QEMU VM instead \(--vm\)$", message);
        Assert.DoesNotContain("headers", message, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    /// <summary>
    /// Builds the sample's module for the VM's kernel into the module cache, which the guest sees: `run --local` on that
    /// kernel finds it there, since compiling a module under TCG takes many minutes.
    /// </summary>
    private static async Task PrebuildForTheVmKernelAsync(string sample)
    {
        var script = ScriptBuilder.Select(ScriptBuilder.Compile(sample), className: null);
        var session = ScriptSession.Open(TargetChoice.Vm);
        var build = await session.BuildAsync(ScriptFiles.ToStapScript(script), progress: null, CancellationToken.None);
        Assert.True(build.Succeeded, build.Result.Stderr);
    }
}
