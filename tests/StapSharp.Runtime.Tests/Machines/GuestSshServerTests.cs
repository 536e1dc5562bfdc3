using System.Text;
using StapSharp.Runtime.Machines;

namespace StapSharp.Runtime.Tests.Machines;

public class GuestSshServerTests
{
    private const string Key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGcxNGsDqO9Y0uV4nXc1m8k3m5y3nVJ5Qe1m0wYyQ0sJ stapsharp-guest";

    [Fact]
    public void Only_the_loopback_port_is_forwarded_to_the_guests_ssh_port() =>
        Assert.Equal(["-nic", "user,model=virtio-net-pci,hostfwd=tcp:127.0.0.1:2222-:22"], GuestSshServer.QemuArguments(2222));

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    public void A_port_out_of_range_is_refused(int port) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => GuestSshServer.QemuArguments(port));

    [Fact]
    public void A_machine_without_an_ssh_port_has_no_network_card()
    {
        var launch = new QemuLaunch("qemu", "vmlinuz", "initrd", 512, "/tmp/c.log", "/tmp/x/control.sock");

        var without = QemuMachine.BuildArguments(launch);
        var with = QemuMachine.BuildArguments(launch with { SshHostPort = 40022 });

        Assert.Equal("none", without[without.ToList().IndexOf("-nic") + 1]);
        Assert.Single(with, a => a == "-nic");
        Assert.Contains("hostfwd=tcp:127.0.0.1:40022-:22", with[with.ToList().IndexOf("-nic") + 1], StringComparison.Ordinal);
    }

    [Fact]
    public void The_guest_brings_its_network_up_and_starts_dropbear_on_the_hosts_files_with_roots_own_empty_home()
    {
        var script = new StringBuilder();

        GuestSshServer.AppendStart(script, Key, new GuestMarkers("n"), GuestHostFileSystem.Root);

        var text = script.ToString();
        Assert.Contains($"ip addr add {GuestSshServer.GuestAddress} dev \"$dev\"", text, StringComparison.Ordinal);
        Assert.Contains($"ip route add default via {GuestSshServer.Gateway}", text, StringComparison.Ordinal);
        Assert.Contains($"mount -t tmpfs -o mode=700 tmpfs {GuestHostFileSystem.Root}/root", text, StringComparison.Ordinal);
        Assert.Contains($"printf '%s\\n' '{Key}' >{GuestHostFileSystem.Root}/root/.ssh/authorized_keys", text, StringComparison.Ordinal);
        Assert.Contains($"chroot {GuestHostFileSystem.Root} {GuestSshServer.Dropbear} -R -s", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ssh-ed25519 AAAA' ; reboot -f ; '")]
    [InlineData("command=\"sh\" ssh-ed25519 AAAA")]
    [InlineData("ssh-ed25519 AAAA\nssh-ed25519 BBBB")]
    [InlineData("")]
    public void Anything_but_one_public_key_line_is_refused_as_the_authorized_key(string key) =>
        Assert.Throws<ArgumentException>(() => GuestSshServer.AppendStart(new StringBuilder(), key, new GuestMarkers("n"), GuestHostFileSystem.Root));

    [Fact]
    public void The_ssh_guests_init_serves_until_the_host_says_stop()
    {
        var script = GuestInitScript.ForSshServer([], Key, new GuestMarkers("n"), onHostFiles: true);

        var live = script.IndexOf("@@stapsharp-n:live@@", StringComparison.Ordinal);
        Assert.True(script.IndexOf(GuestSshServer.Dropbear, StringComparison.Ordinal) is > 0 and var dropbear && dropbear < live);
        Assert.Contains($"[ \"$cmd\" = {GuestInitScript.StopCommand} ] && break", script[live..], StringComparison.Ordinal);
        Assert.EndsWith("poweroff -f\n", script, StringComparison.Ordinal);
    }

    [Fact]
    public void A_guest_whose_kernel_cannot_mount_the_hosts_files_serves_logins_on_its_own_root()
    {
        var script = GuestInitScript.ForSshServer([], Key, new GuestMarkers("n"), onHostFiles: false);

        Assert.DoesNotContain("mount -t 9p", script, StringComparison.Ordinal);
        Assert.DoesNotContain(GuestHostFileSystem.Root + "/", script, StringComparison.Ordinal);
        Assert.Contains("mount -t tmpfs -o mode=700 tmpfs /root && mkdir -m 700 /root/.ssh", script, StringComparison.Ordinal);
        Assert.Contains($"\n{GuestSshServer.Dropbear} -R -s", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Extra_kernel_parameters_follow_the_guests_own()
    {
        var launch = new QemuLaunch("qemu", "vmlinuz", "initrd", 512, "/tmp/c.log", "/tmp/x/control.sock") { KernelParameters = ["nokaslr"] };

        var arguments = QemuMachine.BuildArguments(launch);

        Assert.Equal("console=ttyS0 quiet panic=-1 rdinit=/init nokaslr", arguments[arguments.ToList().IndexOf("-append") + 1]);
    }
}
