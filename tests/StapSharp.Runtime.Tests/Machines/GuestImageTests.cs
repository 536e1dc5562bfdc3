using StapSharp.Runtime.Machines;
using StapSharp.Runtime.Tests.Support;
using StapSharp.Runtime.Toolchain;

namespace StapSharp.Runtime.Tests.Machines;

public class GuestImageTests
{
    [Fact]
    public void The_image_links_every_applet_busybox_lists()
    {
        using var temp = new TempDir();
        var image = GuestImage.CreateBase(new GuestBusybox(temp.Write("busybox", "not really"), ["sh", "mount", "nc"]));

        Assert.Contains("bin/busybox", image.Paths);
        Assert.Contains("bin/nc", image.Paths);
        Assert.DoesNotContain("bin/poweroff", image.Paths);
    }

    [Fact]
    public void Without_a_list_of_applets_the_image_links_the_ones_init_needs()
    {
        using var temp = new TempDir();
        var image = GuestImage.CreateBase(new GuestBusybox(temp.Write("busybox", "not really"), []));

        Assert.Contains("bin/sh", image.Paths);
        Assert.Contains("bin/poweroff", image.Paths);
        Assert.Contains("bin/stty", image.Paths);
    }

    [Fact]
    public async Task A_missing_busybox_reaches_the_user_as_a_toolchain_error_naming_the_package()
    {
        var error = await Assert.ThrowsAsync<ToolchainException>(() =>
            ToolchainException.FromMachineAsync(() => Task.FromResult(GuestImage.CreateBase(new GuestBusybox(null, [])))));

        Assert.Equal("apt-get install busybox-static", error.FixCommand);
        Assert.Equal("a statically linked busybox is needed for the VM\n  fix: apt-get install busybox-static", error.Message);
        Assert.IsType<MachineException>(error.InnerException);
    }

    [Fact]
    public void A_guest_on_its_own_root_carries_what_a_login_runs_at_its_host_path_and_logs_root_in_with_the_hosts_shell()
    {
        using var temp = new TempDir();
        var busybox = new GuestBusybox(temp.Write("busybox", "not really"), ["sh", "date"]);
        var staprun = new GuestStaprun(temp.Write("staprun", ""), temp.Write("stapio", ""), [temp.Write("libc.so.6", "")]);
        var ssh = new GuestSshPrograms(temp.Write("dropbear", ""), temp.Write("stapsh", ""), temp.Write("dash", ""), temp.Write("date", ""), [temp.Write("libz.so.1", "")]);

        var image = GuestImage.CreateForSshServer(busybox, staprun, ssh);

        foreach (var path in new[] { ssh.Dropbear, ssh.Stapsh, ssh.Shell, ssh.Date, ssh.Libraries[0], staprun.Stapio, staprun.Libraries[0] })
        {
            Assert.Contains(path.TrimStart('/'), image.Paths);
        }

        Assert.Contains("usr/bin/staprun", image.Paths);
        var archive = new MemoryStream();
        using (var cpio = new CpioNewcWriter(archive, leaveOpen: true))
        {
            image.WriteTo(cpio);
        }

        var text = System.Text.Encoding.UTF8.GetString(archive.ToArray());
        Assert.Contains($"root:x:0:0:root:/root:{ssh.Shell}\n", text, StringComparison.Ordinal);
        Assert.Contains("etc/shells", image.Paths);
    }
}
