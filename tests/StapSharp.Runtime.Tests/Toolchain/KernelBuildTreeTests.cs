using StapSharp.Runtime.Build;
using StapSharp.Runtime.Tests.Support;
using StapSharp.Runtime.Toolchain;

namespace StapSharp.Runtime.Tests.Toolchain;

public class KernelBuildTreeTests
{
    [RequiresToolFact(ToolTier.Stap)]
    public void The_running_kernel_builds_against_its_prepared_tree_and_so_shares_the_VMs_module_cache_keys()
    {
        using var temp = new TempDir();
        var toolchain = ToolAvailability.Discovered;
        var prepared = temp.Combine(toolchain.KernelRelease!);
        Directory.CreateDirectory(Path.Combine(prepared, "build"));
        File.WriteAllText(Path.Combine(prepared, KernelBuildTree.CompleteMarker), "release\n");
        var vmTree = KernelBuildTree.TryOpen(toolchain, temp.Path)!;

        var local = KernelBuildTree.ForRunningKernel(toolchain, temp.Path);

        Assert.Equal(Path.Combine(prepared, "runtime"), local.RuntimeDir);
        Assert.Equal(Path.Combine(prepared, "build"), local.BuildDir);
        Assert.Equal(
            ModuleCache.Key("probe begin { exit() }", "stapsharp_m", [], vmTree, toolchain.StapPath!),
            ModuleCache.Key("probe begin { exit() }", "stapsharp_m", [], local, toolchain.StapPath!));
    }

    [RequiresToolFact(ToolTier.Stap)]
    public void Without_a_prepared_tree_the_running_kernel_builds_against_the_installed_headers()
    {
        using var temp = new TempDir();
        var toolchain = ToolAvailability.Discovered;

        var local = KernelBuildTree.ForRunningKernel(toolchain, temp.Path);

        Assert.Equal(KernelBuildTree.ForChecking(toolchain, temp.Path).RuntimeDir, local.RuntimeDir);
        Assert.Equal(toolchain.RuntimeSourceDir, local.RuntimeDir);
    }
}
