using System.Diagnostics;
using StapSharp.Runtime.Toolchain;

namespace StapSharp.EndToEnd.Tests;

/// <summary>`stapsharp run --vm` tries KVM once per host, and where it does not boot the guest says so in one line and runs under TCG.</summary>
public sealed class VmAccelerationTests
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(20);

    [VmFact]
    public async Task Where_kvm_does_not_boot_the_guest_the_run_says_why_and_still_succeeds_under_tcg()
    {
        // A cache of this test's own, holding the prepared build tree of the usual one but no KVM verdict yet.
        var toolchain = StapToolchain.Discover();
        var tree = await KernelBuildTree.PrepareAsync(toolchain, null, CancellationToken.None);
        using var cache = new TempFolder();
        Directory.CreateDirectory(Path.Combine(cache.Path, "stapsharp"));
        Directory.CreateSymbolicLink(Path.Combine(cache.Path, "stapsharp", tree.Release), tree.Root);
        var start = CliRunner.StartInfo("run", "samples/HelloWorld", "--vm");
        start.Environment["XDG_CACHE_HOME"] = cache.Path;

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Long);
        await process.WaitForExitAsync(timeout.Token);
        var result = new CliRunner.Result(process.ExitCode, await stdout, await stderr);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["hello world"], result.StdoutLines);
        var verdicts = Directory.Exists(Path.Combine(cache.Path, "stapsharp", "accelerator"))
            ? Directory.GetFiles(Path.Combine(cache.Path, "stapsharp", "accelerator"))
            : [];
        if (!File.Exists("/dev/kvm"))
        {
            Assert.Empty(verdicts);
            Assert.DoesNotContain("KVM", result.Stderr, StringComparison.Ordinal);
            return;
        }

        var verdict = File.ReadAllText(Assert.Single(verdicts)).Trim();
        if (verdict == "kvm")
        {
            Assert.DoesNotContain("runs under TCG", result.Stderr, StringComparison.Ordinal);
        }
        else
        {
            Assert.Single(result.Stderr.Split('\n'), line => line.StartsWith($"stapsharp: KVM {verdict} (checked once, kept in ", StringComparison.Ordinal)
                && line.EndsWith("): the VM runs under TCG, which is slower", StringComparison.Ordinal));
        }
    }
}
