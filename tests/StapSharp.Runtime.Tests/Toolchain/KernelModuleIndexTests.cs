using StapSharp.Runtime.Tests.Support;
using StapSharp.Runtime.Toolchain;

namespace StapSharp.Runtime.Tests.Toolchain;

public class KernelModuleIndexTests
{
    // The shape of Debian's modules.dep: every module with all it depends on, transitively.
    private const string ModulesDep = """
        kernel/fs/netfs/netfs.ko:
        kernel/fs/fscache/fscache.ko: kernel/fs/netfs/netfs.ko
        kernel/fs/9p/9p.ko: kernel/net/9p/9pnet.ko kernel/fs/fscache/fscache.ko kernel/fs/netfs/netfs.ko
        kernel/net/9p/9pnet.ko:
        kernel/net/9p/9pnet_virtio.ko: kernel/net/9p/9pnet.ko kernel/drivers/virtio/virtio.ko kernel/drivers/virtio/virtio_ring.ko
        kernel/drivers/virtio/virtio.ko: kernel/drivers/virtio/virtio_ring.ko
        kernel/drivers/virtio/virtio_ring.ko:
        kernel/drivers/char/hw_random/virtio-rng.ko.xz: kernel/drivers/virtio/virtio.ko kernel/drivers/virtio/virtio_ring.ko

        """;

    private const string ModulesBuiltin = "kernel/drivers/tty/serial/8250/8250.ko\nkernel/fs/ext4/ext4.ko\n";

    private static KernelModuleIndex Index(string dep = ModulesDep) =>
        KernelModuleIndex.Parse("/lib/modules/6.1.0-57-amd64", dep, ModulesBuiltin);

    [Fact]
    public void Resolves_a_module_with_its_dependencies_each_after_what_it_needs()
    {
        var files = Index().Resolve(["9p"]);

        Assert.Equal(["9pnet", "netfs", "fscache", "9p"], files.Select(f => f.Name));
        Assert.Equal("kernel/fs/9p/9p.ko", files[^1].RelativePath);
    }

    [Fact]
    public void Loads_a_shared_dependency_once_in_the_order_asked()
    {
        var names = Index().Resolve(["9pnet_virtio", "9p", "virtio"]).Select(f => f.Name).ToList();

        Assert.Equal(["9pnet", "virtio_ring", "virtio", "9pnet_virtio", "netfs", "fscache", "9p"], names);
    }

    [Theory]
    [InlineData("virtio-rng")]
    [InlineData("virtio_rng")]
    [InlineData("kernel/drivers/char/hw_random/virtio-rng.ko.xz")]
    public void Names_take_underscores_or_dashes_and_compressed_files_keep_their_suffix(string asked)
    {
        var file = Index().Resolve([asked])[^1];

        Assert.Equal("virtio_rng", file.Name);
        Assert.Equal(".xz", file.Compression);
        Assert.Equal("kernel/drivers/char/hw_random/virtio-rng.ko", file.PlainRelativePath);
    }

    [Fact]
    public void Built_in_modules_need_no_loading()
    {
        var index = Index();

        Assert.Empty(index.Resolve(["ext4", "8250"]));
        Assert.True(index.IsBuiltIn("ext4"));
        Assert.False(index.IsBuiltIn("9p"));
    }

    [Fact]
    public void An_unknown_module_is_an_error_naming_the_release_and_the_list()
    {
        var error = Assert.Throws<ToolchainException>(() => Index().Resolve(["virtio_blk"]));

        Assert.Contains("the kernel 6.1.0-57-amd64 has no module 'virtio_blk'", error.Message);
        Assert.Contains("/lib/modules/6.1.0-57-amd64/modules.dep", error.Message);
    }

    [Fact]
    public void A_dependency_cycle_is_reported_not_followed_forever()
    {
        var error = Assert.Throws<ToolchainException>(() => Index("a.ko: b.ko\nb.ko: a.ko\n").Resolve(["a"]));

        Assert.Contains("dependency cycle: a → b → a", error.Message);
    }

    [Fact]
    public void A_dependency_without_its_own_line_is_reported()
    {
        var error = Assert.Throws<ToolchainException>(() => Index("a.ko: gone.ko\n").Resolve(["a"]));

        Assert.Contains("lists 'gone' as needed by 'a'", error.Message);
    }

    [RequiresToolFact(ToolTier.Vm)]
    public void The_installed_kernel_has_its_module_list_found()
    {
        var directory = ToolAvailability.Discovered.Kernel?.ModulesDir;
        Assert.NotNull(directory);

        var files = KernelModuleIndex.Load(directory).Resolve(["9pnet_virtio"]);

        Assert.Equal("9pnet_virtio", files[^1].Name);
        Assert.Contains(files, f => f.Name == "virtio_ring");
        Assert.All(files, f => Assert.True(File.Exists(Path.Combine(directory, f.RelativePath)), f.RelativePath));
    }
}
