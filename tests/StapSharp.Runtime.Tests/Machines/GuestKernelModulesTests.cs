using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using StapSharp.Runtime.Machines;
using StapSharp.Runtime.Processes;
using StapSharp.Runtime.Tests.Support;
using StapSharp.Runtime.Toolchain;

namespace StapSharp.Runtime.Tests.Machines;

public class GuestKernelModulesTests
{
    private static readonly GuestMarkers Markers = new("abc123");

    [Fact]
    public async Task Modules_go_to_their_lib_modules_path_and_compressed_ones_arrive_plain()
    {
        using var temp = new TempDir();
        var release = temp.Combine("6.1.0-57-amd64");
        var plain = Encoding.ASCII.GetBytes("\x7f" + "ELF plain");
        var packed = Encoding.ASCII.GetBytes("\x7f" + "ELF once gzip-compressed");
        temp.Write("6.1.0-57-amd64/kernel/a/plain.ko", "");
        File.WriteAllBytes(Path.Combine(release, "kernel/a/plain.ko"), plain);
        await using (var gz = new GZipStream(File.Create(Path.Combine(release, "kernel/a/packed.ko.gz")), CompressionLevel.Fastest))
        {
            gz.Write(packed);
        }

        var index = KernelModuleIndex.Parse(release, "kernel/a/plain.ko:\nkernel/a/packed.ko.gz: kernel/a/plain.ko\n", null);
        var image = new InitramfsBuilder();
        using var scratch = new TempDir();

        var modules = await GuestKernelModules.AddAsync(image, index.Directory, index.Resolve(["packed"]), scratch.Path, CancellationToken.None);

        Assert.Equal(
            [new GuestKernelModule("plain", "/lib/modules/6.1.0-57-amd64/kernel/a/plain.ko"), new GuestKernelModule("packed", "/lib/modules/6.1.0-57-amd64/kernel/a/packed.ko")],
            modules);
        Assert.Contains("lib/modules/6.1.0-57-amd64/kernel/a/packed.ko", image.Paths);
        Assert.Equal(packed, File.ReadAllBytes(scratch.Combine("kernel-modules", "kernel/a/packed.ko")));
    }

    [Fact]
    public async Task Xz_compressed_modules_are_decompressed_with_xz()
    {
        Assert.True(ExecutableLocator.FindOnPath("xz") is not null, "xz is part of every Debian system (xz-utils)");
        using var temp = new TempDir();
        var release = temp.Combine("r");
        var content = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("\x7f" + "ELF xz ", 1000)));
        temp.Write("r/kernel/m.ko", "");
        File.WriteAllBytes(Path.Combine(release, "kernel/m.ko"), content);
        using (var xz = Process.Start("xz", ["-z", Path.Combine(release, "kernel/m.ko")]))
        {
            await xz.WaitForExitAsync();
        }

        var index = KernelModuleIndex.Parse(release, "kernel/m.ko.xz:\n", null);
        using var scratch = new TempDir();

        await GuestKernelModules.AddAsync(new InitramfsBuilder(), index.Directory, index.Resolve(["m"]), scratch.Path, CancellationToken.None);

        Assert.Equal(content, File.ReadAllBytes(scratch.Combine("kernel-modules", "kernel/m.ko")));
    }

    [Fact]
    public void Init_loads_the_modules_in_order_before_staprun_and_reports_the_first_that_fails()
    {
        var script = GuestInitScript.ForRun(new GuestInitScript.RunPlan("probe_mod", ["/mod/probe_mod.ko"], null, TimeSpan.Zero, false)
        {
            KernelModules = [new("virtio_ring", "/lib/modules/r/kernel/virtio_ring.ko"), new("virtio", "/lib/modules/r/kernel/virtio.ko")],
        }, Markers);

        var ring = script.IndexOf("insmod '/lib/modules/r/kernel/virtio_ring.ko' 2>/dev/ttyS0 || " +
            "{ echo '@@stapsharp-abc123:failed=the guest could not load the kernel module virtio_ring (insmod failed)@@' >/dev/ttyS2; poweroff -f; }\n",
            StringComparison.Ordinal);
        var virtio = script.IndexOf("insmod '/lib/modules/r/kernel/virtio.ko'", StringComparison.Ordinal);
        var staprun = script.IndexOf("staprun ", StringComparison.Ordinal);
        Assert.True(ring > script.IndexOf("mount -t sysfs", StringComparison.Ordinal) && virtio > ring && staprun > virtio, script);
    }

    [Theory]
    [InlineData("@@stapsharp-abc123:failed=the guest could not load the kernel module virtio_blk (insmod failed)@@\r",
        "the guest could not load the kernel module virtio_blk (insmod failed)")]
    [InlineData("@@stapsharp-zzz:failed=no port@@", null)]
    [InlineData("@@stapsharp-abc123:failed=@@", null)]
    public void A_failure_marker_needs_the_run_nonce_and_a_reason(string line, string? expected) =>
        Assert.Equal(expected, Markers.TryParseFailed(line));
}
