using System.Diagnostics;
using System.Text.Json;

namespace StapSharp.EndToEnd.Tests;

/// <summary>The VirtioBlkErrors sample in the VM: its block backend writes to a disk whose writes fail, both layers report it.</summary>
public sealed class VirtioBlkErrorsTests
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(20);

    [VmFact]
    public async Task The_backend_and_the_guest_kernel_report_EIO_for_the_writes_to_the_faulty_sectors_after_the_good_ones()
    {
        // The sample's documented step: the backend, built with its debuginfo.
        var backendFolder = Path.Combine(CliRunner.RepositoryRoot(), "samples", "VirtioBlkErrors", "backend");
        var make = await CliRunner.RunAsync(new ProcessStartInfo("make", ["-C", backendFolder])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }, TimeSpan.FromMinutes(2));
        Assert.True(make.ExitCode == 0, make.ToString());

        // The probes name the backend by its name, found on PATH as stap finds it; it runs by its full path.
        var path = new Dictionary<string, string> { ["PATH"] = backendFolder + ":" + Environment.GetEnvironmentVariable("PATH") };
        // The first two writes pass whatever their sector; after them, writes covering sector 2048 or 4096 fail.
        var result = await CliRunner.RunAsync(Long, path,
            "run", "samples/VirtioBlkErrors", "--vm", "--format", "jsonl",
            "--vm-disk", "16M,fault=eio,on=write,after=2,sector=2048,sector=4096",
            "--vm-command", $"'{Path.Combine(backendFolder, "virtio-blk-backend")}' /dev/vda 2048 8 2048 16 4096",
            "-T", "25");

        Assert.True(result.ExitCode == 0, result.ToString());
        var events = result.StdoutLines.Select(line => JsonDocument.Parse(line).RootElement)
            .Where(e => e.TryGetProperty("event", out _)).ToList();

        var backend = events.Where(e => e.GetProperty("event").GetString() == "Samples.BackendCompletion").Select(e => e.GetProperty("fields")).ToList();
        Assert.True(backend.Select(f => (f.GetProperty("Sector").GetInt64(), f.GetProperty("Errno").GetProperty("value").GetInt64()))
            .SequenceEqual([(2048L, 0L), (8L, 0L), (2048L, -5L), (16L, 0L), (4096L, -5L)]), result.ToString());
        Assert.All(backend, f =>
        {
            Assert.Equal("virtio_blk_handle_write", f.GetProperty("Caller").GetString());
            Assert.Equal(8, f.GetProperty("Sectors").GetInt64());
        });
        Assert.Equal("EIO", backend[2].GetProperty("Errno").GetProperty("name").GetString());
        Assert.Equal("Input/output error", backend[2].GetProperty("Errno").GetProperty("message").GetString());

        var kernel = events.Where(e => e.GetProperty("event").GetString() == "Samples.BlockRequestError").Select(e => e.GetProperty("fields")).ToList();
        Assert.True(kernel.Select(f => (f.GetProperty("Device").GetString(), f.GetProperty("Sector").GetInt64(), f.GetProperty("Sectors").GetInt64(),
                f.GetProperty("Direction").GetString(), f.GetProperty("Errno").GetProperty("name").GetString()))
            .SequenceEqual([("vda", 2048L, 8L, "write", "EIO"), ("vda", 4096L, 8L, "write", "EIO")]), result.ToString());

        // The driver's probe is optional: it needs the kernel's debuginfo, and reports only where that is installed.
        var driver = events.Where(e => e.GetProperty("event").GetString() == "Samples.VirtioRequestError").Select(e => e.GetProperty("fields")).ToList();
        var expected = DebuginfoMissing.Reason() is null ? new (string?, long, long, string?, long)[] { ("vda", 2048L, 8L, "write", 1L), ("vda", 4096L, 8L, "write", 1L) } : [];
        Assert.True(driver.Select(f => (f.GetProperty("Device").GetString(), f.GetProperty("Sector").GetInt64(), f.GetProperty("Sectors").GetInt64(),
                f.GetProperty("Direction").GetString(), f.GetProperty("VirtioStatus").GetInt64()))
            .SequenceEqual(expected), result.ToString());
    }
}
