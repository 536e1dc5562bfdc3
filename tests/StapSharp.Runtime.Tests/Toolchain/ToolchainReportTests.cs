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
    public void An_absent_optional_component_is_reported_but_neither_fails_the_report_nor_joins_the_fix()
    {
        var report = new ToolchainReport(
        [
            new("stap", "translate", "/usr/bin/stap", "systemtap", null),
            new("kernel debuginfo", "kernel.function", null, "linux-image-6.1.0-57-amd64-dbg", "not installed", Optional: true),
        ]);

        Assert.True(report.IsComplete);
        Assert.Empty(report.Missing);
        Assert.Equal("kernel debuginfo", Assert.Single(report.OptionalMissing).Name);
        Assert.Null(report.FixCommand);
        Assert.Contains("absent  kernel debuginfo", report.ToString());
    }

    [Fact]
    public void Requiring_debuginfo_that_is_not_installed_names_the_package_and_the_command()
    {
        var toolchain = StapToolchain.Discover("0.0.0-no-such-release");

        Assert.Null(Record.Exception(() => toolchain.RequireDebuginfo(DebuginfoRequirement.None)));
        var error = Assert.Throws<ToolchainException>(() => toolchain.RequireDebuginfo(new DebuginfoRequirement(true, [])));
        Assert.Contains("linux-image-0.0.0-no-such-release-dbg", error.Message);
        Assert.Equal(KernelDebuginfo.InstallCommand, error.FixCommand);
    }

    [Fact]
    public void Discovery_never_throws_and_names_every_component()
    {
        var toolchain = StapToolchain.Discover();
        Assert.Equal(10, toolchain.Report.Items.Count);
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
