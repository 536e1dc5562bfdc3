using StapSharp.Runtime.Toolchain;

namespace StapSharp.Runtime.Tests.Toolchain;

public class ToolchainReportTests
{
    [Fact]
    public void Fix_command_installs_each_missing_package_once()
    {
        var report = new ToolchainReport(
        [
            new("stap", "translate", "/usr/bin/stap", "systemtap", null),
            new("staprun", "load", null, "systemtap-runtime", "not found"),
            new("stapio", "read", null, "systemtap-runtime", "not found"),
            new("busybox (static)", "guest", "/usr/bin/busybox", "busybox-static", "/usr/bin/busybox is dynamically linked"),
        ]);

        Assert.False(report.IsComplete);
        Assert.Equal(3, report.Missing.Count);
        Assert.Equal("apt-get install --no-install-recommends systemtap-runtime busybox-static", report.FixCommand);
        Assert.Contains("MISSING staprun", report.ToString());
        Assert.Contains("fix: apt-get install", report.ToString());
    }

    [Fact]
    public void Discovery_never_throws_and_names_every_component()
    {
        var toolchain = StapToolchain.Discover();
        Assert.Equal(9, toolchain.Report.Items.Count);
        Assert.All(toolchain.Report.Items, item => Assert.False(string.IsNullOrEmpty(item.Package)));
    }

    [Fact]
    public void Require_throws_a_message_with_the_fix()
    {
        var toolchain = StapToolchain.Discover("0.0.0-no-such-release");
        var error = Assert.Throws<ToolchainException>(toolchain.RequireForVm);
        Assert.Contains("kernel headers", error.Message);
        Assert.Contains("apt-get install --no-install-recommends", error.Message);
        Assert.Contains("linux-headers-0.0.0-no-such-release", error.Message);
    }
}
