using StapSharp.Runtime.Build;
using StapSharp.Runtime.Tests.Support;
using StapSharp.Runtime.Toolchain;

namespace StapSharp.Runtime.Tests.Build;

/// <summary>
/// Tier "debuginfo": with the kernel's debuginfo installed, stap finds it through every build tree it is
/// given, the checking one (-r RELEASE) and the prepared one (-r DIR, through the tree's links).
/// </summary>
public class DebuginfoResolutionTests
{
    private const string Script = """
        probe kernel.function("do_mkdirat") { printf("%d\n", $mode) }
        probe kernel.function("do_mkdirat").return { printf("%d %d\n", $return, @entry($mode)) }
        probe module("virtio_blk").function("virtio_queue_rq") { printf("%s\n", $$parms) }
        """;

    [RequiresToolFact(ToolTier.Stap, ToolTier.Debuginfo)]
    public Task The_checking_tree_finds_kernel_and_module_debuginfo() =>
        AssertResolvesAsync(KernelBuildTree.ForChecking(ToolAvailability.Discovered));

    [RequiresToolFact(ToolTier.Vm, ToolTier.Debuginfo)]
    public async Task The_prepared_tree_finds_kernel_and_module_debuginfo() =>
        await AssertResolvesAsync(await KernelBuildTree.PrepareAsync(ToolAvailability.Discovered, null, CancellationToken.None));

    private static async Task AssertResolvesAsync(KernelBuildTree tree)
    {
        using var temp = new TempDir();
        var script = temp.Write("dwarf.stp", Script);

        var result = await new StapInvocation(ToolAvailability.Discovered, tree).CheckAsync(script, 2, [], CancellationToken.None);

        Assert.True(result.Succeeded, result.Stderr);
        // stap -p2 prints each probe resolved to its source place, which only DWARF knows.
        Assert.Contains("kernel.function(\"do_mkdirat@fs/namei.c:", result.Stdout);
        Assert.Contains("module(\"virtio_blk\").function(\"virtio_queue_rq@drivers/block/virtio_blk.c:", result.Stdout);
    }
}
