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
        public override string RunningRelease() => "6.1.0-56-amd64";
        public override bool IsRoot() => Root;
        public override bool FileExists(string path) => Files.Contains(path);
        public override bool DirectoryExists(string path) => Directories.Contains(path);
        public override string? ReadText(string path) => Texts.GetValueOrDefault(path);
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
    public void Detect_on_this_host_explains_itself()
    {
        var capabilities = HostCapabilities.Detect();
        Assert.True(capabilities.CanLoadModules || !string.IsNullOrEmpty(capabilities.Reason));
    }
}
