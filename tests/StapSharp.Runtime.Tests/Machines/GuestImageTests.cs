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
}
