using StapSharp.Runtime.Toolchain;

namespace StapSharp.Runtime.Tests.Toolchain;

public class HostCapabilitiesTests
{
    private sealed class FakeHost : HostProbe
    {
        public bool Root = true;
        public HashSet<string> Files = ["/proc/modules"];
        public HashSet<string> Directories = ["/lib/modules/6.1.0-56-amd64/build"];
        public Dictionary<string, string> Texts = new() { ["/proc/sys/kernel/modules_disabled"] = "0\n" };
        public Dictionary<string, string> Configs = [];
        public override string RunningRelease() => "6.1.0-56-amd64";
        public override bool IsRoot() => Root;
        public override bool FileExists(string path) => Files.Contains(path);
        public override bool DirectoryExists(string path) => Directories.Contains(path);
        public override string? ReadText(string path) => Texts.GetValueOrDefault(path);
        public override string? ReadKernelConfig(string path) => Configs.GetValueOrDefault(path);
    }

    [Fact]
    public void A_root_host_with_modules_and_headers_can_load() =>
        Assert.True(HostCapabilities.Detect(new FakeHost()).CanLoadModules);

    [Fact]
    public void Each_missing_condition_gives_its_reason()
    {
        Assert.Contains("root", HostCapabilities.Detect(new FakeHost { Root = false }).Reason);
        Assert.Contains("/proc/modules", HostCapabilities.Detect(new FakeHost { Files = [] }).Reason);
        var disabled = new FakeHost();
        disabled.Texts["/proc/sys/kernel/modules_disabled"] = "1\n";
        Assert.Contains("modules_disabled", HostCapabilities.Detect(disabled).Reason);
        var noHeaders = HostCapabilities.Detect(new FakeHost { Directories = [] });
        Assert.False(noHeaders.CanLoadModules);
        Assert.Contains("apt-get install linux-headers-6.1.0-56-amd64", noHeaders.Reason);
    }

    [Fact]
    public void A_kernel_built_without_modules_says_exactly_that_before_root_or_headers()
    {
        var host = new FakeHost { Root = false, Files = [], Directories = [] };
        host.Configs["/proc/config.gz"] = "CONFIG_MODULES_USE_ELF_RELA=y\n# CONFIG_MODULES is not set\n";

        var capabilities = HostCapabilities.Detect(host);

        Assert.False(capabilities.CanLoadModules);
        Assert.Equal(
            "the running kernel 6.1.0-56-amd64 is built without module support (CONFIG_MODULES is not set in /proc/config.gz; /proc/modules does not exist)",
            capabilities.Reason);
    }

    [Fact]
    public void Without_a_readable_configuration_the_missing_proc_modules_is_the_reason()
    {
        var host = new FakeHost { Files = [] };
        host.Configs["/boot/config-6.1.0-56-amd64"] = "CONFIG_MODULES=y\n";

        Assert.Equal("the running kernel 6.1.0-56-amd64 has no module support (/proc/modules does not exist)", HostCapabilities.Detect(host).Reason);
    }

    [Fact]
    public void Choosing_the_local_target_on_a_kernel_without_modules_fails_with_the_reason_and_the_VM_as_the_way()
    {
        var host = new HostCapabilities(false, "the running kernel 6.18.0 is built without module support (CONFIG_MODULES is not set in /proc/config.gz; /proc/modules does not exist)", "6.18.0");

        var error = Assert.Throws<ToolchainException>(() => StapSharp.Runtime.Sessions.TargetDecision.Resolve(StapSharp.Runtime.Sessions.TargetChoice.Local, () => host));

        Assert.Equal($"--local: this kernel cannot load modules: {host.Reason}; run in the QEMU VM instead (--vm)", error.Message);
        Assert.DoesNotContain("linux-headers", error.Message);
        Assert.True(StapSharp.Runtime.Sessions.TargetDecision.Resolve(StapSharp.Runtime.Sessions.TargetChoice.Auto, () => host).UsesVm);
    }

    [Fact]
    public void Detect_on_this_host_explains_itself()
    {
        var capabilities = HostCapabilities.Detect();
        Assert.True(capabilities.CanLoadModules || !string.IsNullOrEmpty(capabilities.Reason));
    }
}
