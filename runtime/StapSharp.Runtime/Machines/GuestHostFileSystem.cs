using System.Text;

namespace StapSharp.Runtime.Machines;

/// <summary>
/// The host's file system in the guest. QEMU shares the host's / read-only over 9p (virtio); /init mounts it at
/// <see cref="HostMount"/> and builds <see cref="Root"/>: an overlay with the 9p mount below and a tmpfs above, so the
/// guest can write anywhere and its writes vanish with the VM. Commands run chrooted there, from the user's directory,
/// so host programs run by their host paths. uprobes cannot use a file seen through an overlay (its inode is the
/// overlay's, which they cannot read), so each file the script probes is bind-mounted from the 9p mount over its
/// overlay path: the same path, the host's real file.
/// </summary>
internal static class GuestHostFileSystem
{
    /// <summary>The 9p mount tag QEMU gives the share.</summary>
    public const string MountTag = "hostroot";

    /// <summary>Where /init mounts the 9p share (read-only, the host's own inodes).</summary>
    public const string HostMount = "/host";

    /// <summary>The root commands run in: the host's files with a writable, throw-away layer on top.</summary>
    public const string Root = "/hostroot";

    private const string Scratch = "/hostroot-layer";

    /// <summary>The distribution kernel modules the share needs in the guest.</summary>
    public static IReadOnlyList<string> KernelModules { get; } = ["virtio_pci", "9pnet_virtio", "9p", "overlay"];

    /// <summary>QEMU's arguments for the read-only share of the host's /.</summary>
    /// <remarks>multidevs=remap: the host's / spans several file systems, whose inode numbers would collide in the guest.</remarks>
    public static IReadOnlyList<string> QemuArguments { get; } =
    [
        "-fsdev", $"local,id={MountTag},path=/,security_model=none,readonly=on,multidevs=remap",
        "-device", $"virtio-9p-pci,fsdev={MountTag},mount_tag={MountTag}",
    ];

    /// <summary>Shell lines that mount the share, build <see cref="Root"/> and bind the probed files; a failure stops the run.</summary>
    /// <param name="probedFiles">Absolute host paths, symbolic links resolved, as the probes name them.</param>
    public static void AppendMount(StringBuilder script, IReadOnlyList<string> probedFiles, GuestMarkers markers)
    {
        script.Append($"mkdir -p {HostMount} {Root} {Scratch}\n");
        // A large msize: the default (8 KiB) makes every read of a program or library a crawl under TCG.
        script.Append($"mount -t 9p -o trans=virtio,version=9p2000.L,cache=loose,ro,msize=512000 {MountTag} {HostMount} 2>{GuestInitScript.ConsolePort} || ")
            .Append(GuestInitScript.FailAndPowerOff(markers, "the guest could not mount the host's file system (9p)")).Append('\n');
        script.Append($"mount -t tmpfs tmpfs {Scratch} && mkdir -p {Scratch}/upper {Scratch}/work\n");
        script.Append($"mount -t overlay overlay -o lowerdir={HostMount},upperdir={Scratch}/upper,workdir={Scratch}/work {Root} 2>{GuestInitScript.ConsolePort} || ")
            .Append(GuestInitScript.FailAndPowerOff(markers, "the guest could not put a writable layer over the host's file system (overlay)")).Append('\n');
        script.Append($"mount -t proc proc {Root}/proc\n");
        script.Append($"mount -t sysfs sysfs {Root}/sys\n");
        script.Append($"mount -o bind /dev {Root}/dev\n");
        foreach (var file in probedFiles)
        {
            var host = ShellQuote.Quote(HostMount + file);
            script.Append($"[ -f {host} ] && mount -o bind {host} {ShellQuote.Quote(Root + file)}\n");
        }
    }

    /// <summary>
    /// A command line that runs <paramref name="command"/> (shell text) with the host's /bin/sh inside <see cref="Root"/>,
    /// from <paramref name="directory"/> (or / when the guest has no such folder).
    /// </summary>
    /// <param name="execs">
    /// The shell execs the command (one program, as staprun's -c runs): chroot, the shell and the program then share
    /// the pid the command started with, which target() is.
    /// </param>
    public static string Wrap(string command, string directory, bool execs) =>
        $"chroot {Root} /bin/sh -c {ShellQuote.Quote($"cd {ShellQuote.Quote(directory)} 2>/dev/null || cd /; {(execs ? "exec " : "")}{command}")}";
}
