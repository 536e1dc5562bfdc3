using StapSharp.Runtime.Tests.Support;
using StapSharp.Runtime.Toolchain;

namespace StapSharp.Runtime.Tests.Toolchain;

/// <summary>Finding a release's debuginfo where stap looks, what a script lacks of it, and how to install it.</summary>
public class KernelDebuginfoTests
{
    private const string Release = "6.1.0-99-amd64";
    private static readonly PackageSizes Sizes = new(858_555_196, 5_618_526L * 1024);

    /// <summary>A search root laid out as linux-image-RELEASE-dbg installs it.</summary>
    private static TempDir InstalledRoot()
    {
        var root = new TempDir();
        root.Write($"boot/vmlinux-{Release}", "ELF");
        root.Write($"lib/modules/{Release}/kernel/drivers/block/virtio_blk.ko", "ELF");
        root.Write($"lib/modules/{Release}/kernel/drivers/gpu/drm/virtio/virtio-gpu.ko", "ELF");
        return root;
    }

    private static KernelDebuginfo Locate(string searchPath) => KernelDebuginfo.Locate(Release, searchPath, _ => Sizes);

    [Fact]
    public void Finds_the_kernel_and_its_modules_by_name_or_pattern()
    {
        using var root = InstalledRoot();
        var debuginfo = Locate(root.Path);

        Assert.True(debuginfo.IsInstalled);
        Assert.Equal(root.Combine("boot", $"vmlinux-{Release}"), debuginfo.VmlinuxPath);
        Assert.True(debuginfo.HasModule("virtio_blk"));
        Assert.True(debuginfo.HasModule("virtio_gpu")); // the file is virtio-gpu.ko: stap's names have _ for -
        Assert.True(debuginfo.HasModule("virtio*"));
        Assert.False(debuginfo.HasModule("virtio_blk2"));
        Assert.Null(debuginfo.Check(new DebuginfoRequirement(true, ["virtio_blk", "virtio_g?u"])));
    }

    [Fact]
    public void A_package_not_installed_is_named_with_its_sizes_and_both_ways_to_install_it()
    {
        using var empty = new TempDir();
        var debuginfo = Locate(empty.Path);

        var shortfall = debuginfo.Check(new DebuginfoRequirement(true, ["virtio_blk"]));

        Assert.NotNull(shortfall);
        Assert.True(shortfall.Kernel);
        Assert.Equal(["virtio_blk"], shortfall.Modules);
        Assert.Equal(
            $"the debuginfo of kernel {Release} is not installed: install linux-image-{Release}-dbg (859 MB download, 5.8 GB installed) " +
            $"with `stapsharp doctor --install-debuginfo` or `apt-get install --no-install-recommends linux-image-{Release}-dbg`",
            shortfall.ToString());
        Assert.Equal(Path.Combine(empty.Path, "boot", $"vmlinux-{Release}"), debuginfo.ExpectedVmlinuxPath);
    }

    [Fact]
    public void A_module_the_installed_package_lacks_is_named_with_where_it_was_looked_for()
    {
        using var root = InstalledRoot();
        var shortfall = Locate(root.Path).Check(new DebuginfoRequirement(false, ["virtio_blk", "no_such_module"]));

        Assert.NotNull(shortfall);
        Assert.False(shortfall.Kernel);
        Assert.Equal(["no_such_module"], shortfall.Modules);
        Assert.Contains(root.Combine("lib", "modules", Release), shortfall.ToString());
    }

    [Fact]
    public void A_script_without_needs_needs_nothing_installed()
    {
        using var empty = new TempDir();
        Assert.Null(Locate(empty.Path).Check(DebuginfoRequirement.None));
    }

    [Theory]
    [InlineData(null, new[] { "/usr/lib/debug" })]
    [InlineData("+:.debug:/usr/lib/debug:build", new[] { "/usr/lib/debug" })]
    [InlineData("/opt/debug:.debug:/usr/lib/debug", new[] { "/opt/debug", "/usr/lib/debug" })]
    [InlineData("-/opt/debug", new[] { "/opt/debug" })]
    [InlineData(".debug", new[] { "/usr/lib/debug" })]
    public void Searches_the_absolute_directories_of_stap_s_debuginfo_path(string? searchPath, string[] roots) =>
        Assert.Equal(roots, KernelDebuginfo.SearchRoots(searchPath));

    [Fact]
    public void Package_sizes_come_from_the_first_record_of_apt_cache_show()
    {
        var record = "Package: linux-image-6.1.0-57-amd64-dbg\nVersion: 6.1.192-3\nInstalled-Size: 5618526\nSize: 858555196\n\nPackage: other\nSize: 1\nInstalled-Size: 1\n";

        var sizes = AptPackageSizes.Parse(record);

        Assert.Equal(new PackageSizes(858_555_196, 5_618_526L * 1024), sizes);
        Assert.Equal("859 MB download, 5.8 GB installed", sizes!.ToString());
        Assert.Null(AptPackageSizes.Parse("N: Unable to locate package x\n"));
    }

    [Fact]
    public void The_build_tree_links_lead_to_the_debuginfo_and_follow_it_when_it_moves()
    {
        using var build = new TempDir();
        using var first = InstalledRoot();
        using var second = InstalledRoot();

        KernelBuildTree.LinkDebuginfo(build.Path, Locate(first.Path));
        Assert.Equal(first.Combine("boot", $"vmlinux-{Release}"), new FileInfo(build.Combine("vmlinux")).LinkTarget);
        Assert.Equal(first.Combine("lib", "modules", Release), new FileInfo(build.Combine("debuginfo-modules")).LinkTarget);

        KernelBuildTree.LinkDebuginfo(build.Path, Locate(second.Path));
        Assert.Equal(second.Combine("boot", $"vmlinux-{Release}"), new FileInfo(build.Combine("vmlinux")).LinkTarget);
    }

    [Fact]
    public void Links_to_a_package_not_installed_yet_dangle_until_it_is()
    {
        using var build = new TempDir();
        using var root = new TempDir();

        KernelBuildTree.LinkDebuginfo(build.Path, Locate(root.Path));
        var link = new FileInfo(build.Combine("vmlinux"));
        Assert.False(link.ResolveLinkTarget(returnFinalTarget: true)!.Exists);

        root.Write($"boot/vmlinux-{Release}", "ELF");
        Assert.Equal("ELF", File.ReadAllText(link.FullName));
    }

    [Fact]
    public void A_real_file_of_the_headers_is_never_replaced()
    {
        using var build = new TempDir();
        using var root = InstalledRoot();
        var own = build.Write("vmlinux", "the headers' own");

        KernelBuildTree.LinkDebuginfo(build.Path, Locate(root.Path));

        Assert.Null(new FileInfo(own).LinkTarget);
        Assert.Equal("the headers' own", File.ReadAllText(own));
    }
}
