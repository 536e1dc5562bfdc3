using System.Security.Cryptography;
using System.Text;

namespace StapSharp.Runtime.Machines;

/// <summary>
/// Whether KVM boots the guest kernel on this host. On some nested hosts /dev/kvm is there but a KVM guest hangs in
/// early boot, so it is tried once with a short bounded boot (busybox /init that only reports it is up), and the verdict
/// is kept per host and guest kernel, so later runs do not pay for the probe again.
/// </summary>
internal static class KvmProbe
{
    /// <summary>KVM reaches /init in a second or two; a guest that is not up by then hangs.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private const string Device = "/dev/kvm";
    private const string Boots = "kvm";

    /// <summary>KVM where it boots <paramref name="kernelImage"/> here, else TCG (see <see cref="VmAcceleration"/>).</summary>
    /// <exception cref="MachineException">The probe has no busybox to boot.</exception>
    /// <param name="busybox">The busybox the probe's /init runs on; asked for only when the probe boots.</param>
    /// <param name="cacheRoot">The folder whose accelerator/ subfolder keeps the verdicts.</param>
    public static async Task<VmAcceleration> ChooseAsync(
        string? qemuPath, string? kernelImage, string? kernelRelease, Func<CancellationToken, Task<GuestBusybox>> busybox,
        string cacheRoot, IProgress<string>? progress, CancellationToken cancel)
    {
        if (!File.Exists(Device) || qemuPath is null || kernelImage is null)
        {
            return VmAcceleration.Tcg;
        }

        if (!CanOpen(Device, out var why))
        {
            return new VmAcceleration(VmAccelerator.Tcg, $"{Device} cannot be opened ({why}): the VM runs under TCG, which is slower", FromCache: false);
        }

        var verdictFile = Path.Combine(cacheRoot, "accelerator", $"{kernelRelease}-{HostKey(qemuPath)}");
        var verdict = ReadVerdict(verdictFile);
        var fromCache = verdict is not null;
        if (verdict is null)
        {
            progress?.Report($"checking once whether KVM boots {kernelRelease} on this host (at most {Bound.TotalSeconds:0} s)");
            verdict = await BootAsync(qemuPath, kernelImage, busybox, cancel).ConfigureAwait(false);
            WriteVerdict(verdictFile, verdict);
        }
        return verdict == Boots
            ? new VmAcceleration(VmAccelerator.Kvm, null, fromCache)
            : new VmAcceleration(VmAccelerator.Tcg, $"KVM {verdict} (checked once, kept in {verdictFile}): the VM runs under TCG, which is slower", fromCache);
    }

    /// <summary>"kvm" when the guest's /init ran, else why not, as words that follow "KVM ".</summary>
    private static async Task<string> BootAsync(
        string qemuPath, string kernelImage, Func<CancellationToken, Task<GuestBusybox>> busybox, CancellationToken cancel)
    {
        using var work = new TempDirectory("stapsharp-kvm-");
        var markers = new GuestMarkers();
        var image = GuestImage.CreateBase(await busybox(cancel).ConfigureAwait(false));
        image.AddText("init", GuestInitScript.ForAcceleratorProbe(markers), InitramfsBuilder.Executable);
        var initrd = work.Combine("kvm-probe.cpio.gz");
        image.WriteGzip(initrd);
        var launch = new QemuLaunch(qemuPath, kernelImage, initrd, 256, work.Combine("console.log"), work.Combine("control.sock"))
        {
            Accelerator = VmAccelerator.Kvm,
        };

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(Bound);
        try
        {
            await using var machine = await QemuMachine.StartAsync(launch, deadline.Token).ConfigureAwait(false);
            await foreach (var guestEvent in machine.Events.ReadAllAsync(deadline.Token).ConfigureAwait(false))
            {
                switch (guestEvent)
                {
                    case GuestEvent.Control(var line) when line.Trim() == markers.Up:
                        return Boots;
                    case GuestEvent.Exited(var code):
                        var error = machine.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
                        return $"stopped the guest before it booted (QEMU exit code {code}{(error is null ? "" : ": " + error)})";
                }
            }
            return "stopped the guest before it booted";
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            return $"hung booting the guest kernel (not up within {Bound.TotalSeconds:0} s)";
        }
        catch (MachineException e)
        {
            return "did not start: " + e.Message.Split('\n')[0];
        }
    }

    private static bool CanOpen(string device, out string why)
    {
        try
        {
            using var _ = new FileStream(device, FileMode.Open, FileAccess.ReadWrite);
            why = "";
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            why = e.Message;
            return false;
        }
    }

    /// <summary>What the verdict depends on besides the guest kernel: this machine, its kernel, its CPU and the QEMU binary.</summary>
    private static string HostKey(string qemuPath)
    {
        var qemu = new FileInfo(qemuPath);
        var identity = string.Join('\0',
            Environment.MachineName,
            ReadOrEmpty("/etc/machine-id").Trim(),
            ReadOrEmpty("/proc/sys/kernel/osrelease").Trim(),
            ReadOrEmpty("/proc/cpuinfo").Split('\n').FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) ?? "",
            qemu.FullName, qemu.Length, qemu.LastWriteTimeUtc.Ticks);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..16].ToLowerInvariant();
    }

    private static string ReadOrEmpty(string path)
    {
        try { return File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return ""; }
    }

    private static string? ReadVerdict(string file)
    {
        var text = ReadOrEmpty(file).Trim();
        return text.Length > 0 ? text : null;
    }

    private static void WriteVerdict(string file, string verdict)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var staging = $"{file}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(staging, verdict + "\n");
        File.Move(staging, file, overwrite: true);
    }
}
