using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace StapSharp.Runtime.Machines;

/// <summary>
/// An ssh server in the guest, for runs that reach it as a remote host. QEMU's user networking gives the guest
/// 10.0.2.15 behind a virtual router (10.0.2.2) and forwards one port of the host's loopback address, and only of it,
/// to the guest's port 22. /init brings the interface up by hand (there is no DHCP client run), then starts dropbear
/// inside the host's file system (<see cref="GuestHostFileSystem.Root"/>), so a login finds the host's programs at
/// their paths: staprun, stapsh, a shell. dropbear reads the keys a login may use from ~/.ssh/authorized_keys
/// (root's, written into the guest's throw-away layer) and makes its host key when the first client asks (-R), so
/// every guest has a new one: the client must not keep or check it.
/// </summary>
internal static partial class GuestSshServer
{
    /// <summary>The guest's address on QEMU's user network (its own default).</summary>
    public const string GuestAddress = "10.0.2.15/24";

    /// <summary>QEMU's virtual router on the user network.</summary>
    public const string Gateway = "10.0.2.2";

    /// <summary>Where dropbear's program is, on the host's files the guest sees.</summary>
    public const string Dropbear = "/usr/sbin/dropbear";

    /// <summary>The distribution kernel modules the network card needs in the guest.</summary>
    public static IReadOnlyList<string> KernelModules { get; } = ["virtio_pci", "virtio_net"];

    // One OpenSSH public key line: type, base64 key, an optional comment of plain characters.
    [GeneratedRegex(@"\A(ssh-ed25519|ecdsa-sha2-nistp256|ssh-rsa) [A-Za-z0-9+/]+={0,2}( [A-Za-z0-9@._+-]{1,64})?\z")]
    private static partial Regex PublicKeyLine();

    /// <summary>Whether <paramref name="line"/> is one public key line the guest accepts as an authorized key.</summary>
    public static bool IsPublicKey(string line) => PublicKeyLine().IsMatch(line);

    /// <summary>QEMU's network card: user networking, the guest's port 22 reachable at 127.0.0.1:<paramref name="hostPort"/> only.</summary>
    public static IReadOnlyList<string> QemuArguments(int hostPort)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hostPort, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hostPort, 65535);
        return ["-nic", $"user,model=virtio-net-pci,hostfwd=tcp:127.0.0.1:{hostPort.ToString(CultureInfo.InvariantCulture)}-:22"];
    }

    /// <summary>
    /// Shell lines that bring the network up and start dropbear in <paramref name="root"/> (mounted before), letting in
    /// <paramref name="authorizedKey"/> for root; a failure stops the guest.
    /// </summary>
    /// <param name="root">
    /// <see cref="GuestHostFileSystem.Root"/>, or "" for the guest's own root (an image that carries the programs a
    /// login needs, see <see cref="GuestImage.CreateForSshServer"/>).
    /// </param>
    public static void AppendStart(StringBuilder script, string authorizedKey, GuestMarkers markers, string root)
    {
        if (!IsPublicKey(authorizedKey))
        {
            throw new ArgumentException("the authorized key is not one OpenSSH public key line", nameof(authorizedKey));
        }

        var chroot = root.Length == 0 ? "" : $"chroot {root} ";
        // The first interface that is not the loopback one: without udev its name is the kernel's (eth0).
        script.Append("ip link set lo up\n");
        script.Append("dev=; for n in /sys/class/net/*; do [ \"${n##*/}\" != lo ] && [ -z \"$dev\" ] && dev=${n##*/}; done\n");
        script.Append("[ -n \"$dev\" ] || ").Append(GuestInitScript.FailAndPowerOff(markers, "the guest has no network interface (virtio_net)")).Append('\n');
        script.Append($"ip link set \"$dev\" up && ip addr add {GuestAddress} dev \"$dev\" && ip route add default via {Gateway} || ")
            .Append(GuestInitScript.FailAndPowerOff(markers, "the guest could not bring its network interface up")).Append('\n');
        // staprun in the host's files needs what the guest's own root has: debugfs for the module's files.
        if (root.Length > 0)
        {
            script.Append($"mount -t debugfs debugfs {root}/sys/kernel/debug 2>/dev/null\n");
        }

        script.Append($"mkdir -p {root}/dev/pts && mount -t devpts devpts {root}/dev/pts 2>/dev/null\n");
        // root's home is the guest's own, empty: the host's dotfiles (a .bashrc that runs tools at every login) stay out.
        script.Append($"mount -t tmpfs -o mode=700 tmpfs {root}/root && mkdir -m 700 {root}/root/.ssh\n");
        script.Append("printf '%s\\n' ").Append(ShellQuote.Quote(authorizedKey)).Append($" >{root}/root/.ssh/authorized_keys\n");
        script.Append($"chmod 600 {root}/root/.ssh/authorized_keys\n");
        script.Append($"mkdir -p {root}/etc/dropbear\n");
        // -R: host keys made on demand; -s: keys only, no passwords; -E: its log on the console.
        script.Append($"{chroot}{Dropbear} -R -s -E -p 22 -P /tmp/dropbear.pid 2>{GuestInitScript.ConsolePort} || ")
            .Append(GuestInitScript.FailAndPowerOff(markers, "dropbear did not start in the guest (apt-get install dropbear-bin on the host)")).Append('\n');
    }
}
