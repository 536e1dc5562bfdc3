using System.Text.RegularExpressions;

namespace StapSharp.EndToEnd.Tests;

/// <summary>`stapsharp run --vm-disk`: a guest disk whose writes fail, seen by the guest's programs and by a probe.</summary>
public sealed class VmDiskFaultTests
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(20);

    // The same script in both tests: the second run uses the cached module.
    private const string Completions = """
        using StapSharp;
        using static StapSharp.Stap;
        public sealed class Completions : ProbeScript
        {
            [Probe("kernel.trace(\"block_rq_complete\")")]
            void Done() => Println($"{Var.KernelString("rq->q->disk->disk_name")} sector {Var.Long("rq->__sector")} op {Var.Long("rq->cmd_flags") & 255} status {Var.Long("error")}");
        }
        """;

    /// <summary>One O_DIRECT 4 KiB write per block, at 512-byte sector 8 × block, its exit status on the console.</summary>
    private static string Writes(params int[] blocks) => string.Join("; ", blocks.Select(block =>
        $"dd if=/dev/zero of=/dev/vda bs=4096 count=1 seek={block} oflag=direct 2>&1; echo \"write {block} status $?\""));

    [Theory]
    [InlineData("64M,fault=eperm", "--vm-disk: fault= takes eio or enospc (not \"eperm\")")]
    [InlineData("64M,fault=eio,sector=131072", "--vm-disk: sector 131072 is not on the disk: its sectors are 0 to 131071")]
    [InlineData("64M,fault=eio,file=/etc/passwd", "--vm-disk: unknown disk setting \"file\"")]
    public async Task A_disk_the_syntax_does_not_describe_is_a_usage_error_before_anything_runs(string disk, string message)
    {
        var result = await CliRunner.RunAsync(TimeSpan.FromMinutes(3), "run", "x.cs", "--vm", "--vm-disk", disk);

        Assert.True(result.ExitCode == 64, result.ToString());
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }

    [VmFact]
    public async Task A_write_to_a_faulty_disk_fails_with_EIO_in_the_guest_and_the_probe_sees_the_failed_request()
    {
        using var temp = new TempFolder();
        var source = temp.Write("Completions.cs", Completions);
        var result = await CliRunner.RunAsync(Long,
            "run", source, "--vm", "-v", "--vm-disk", "16M,fault=eio,on=write", "--vm-command", Writes(1), "-T", "20");

        Assert.True(result.ExitCode == 0, result.ToString());
        // dd's own words (the guest console, printed with -v): the write came back with EIO.
        Assert.Matches(new Regex(@"dd: error writing '/dev/vda': Input/output error"), result.Stderr);
        Assert.Contains("write 1 status 1", result.Stderr, StringComparison.Ordinal);
        // BLK_STS_IOERR (10) is the kernel's EIO.
        Assert.Contains("vda sector 8 op 1 status 10", result.StdoutLines);
    }

    [VmFact]
    public async Task After_three_the_first_three_writes_succeed_and_the_ones_after_fail()
    {
        using var temp = new TempFolder();
        var source = temp.Write("Completions.cs", Completions);
        var result = await CliRunner.RunAsync(Long,
            "run", source, "--vm", "-v", "--vm-disk", "16M,fault=eio,on=write,after=3", "--vm-command", Writes(1, 2, 3, 4, 5), "-T", "20");

        Assert.True(result.ExitCode == 0, result.ToString());
        var writes = result.StdoutLines.Where(line => line.StartsWith("vda ", StringComparison.Ordinal) && line.Contains(" op 1 ", StringComparison.Ordinal)).ToList();
        Assert.True(writes.SequenceEqual([
            "vda sector 8 op 1 status 0",
            "vda sector 16 op 1 status 0",
            "vda sector 24 op 1 status 0",
            "vda sector 32 op 1 status 10",
            "vda sector 40 op 1 status 10",
        ]), result.ToString());
        foreach (var (block, status) in new[] { (1, 0), (2, 0), (3, 0), (4, 1), (5, 1) })
        {
            Assert.Contains($"write {block} status {status}", result.Stderr, StringComparison.Ordinal);
        }
    }
}
