using System.Collections.Concurrent;
using StapSharp.Runtime.Build;
using StapSharp.Runtime.Tests.Support;
using StapSharp.Runtime.Toolchain;

namespace StapSharp.Runtime.Tests.Targets;

/// <summary>
/// Shared by the VM tests: prepares the kernel build tree once and builds each script once per
/// test run (stap's own cache makes later runs' builds fast). Work is lazy, so a run whose tools
/// are missing (every test skipped) does nothing.
/// </summary>
public sealed class BuiltModules : IDisposable
{
    private readonly TempDir _scripts = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _modules = new();
    private readonly Lazy<Task<KernelBuildTree>> _tree;

    public BuiltModules()
    {
        _tree = new(() => KernelBuildTree.PrepareAsync(Toolchain, null, CancellationToken.None));
    }

    public StapToolchain Toolchain => ToolAvailability.Discovered;

    public Task<KernelBuildTree> TreeAsync() => _tree.Value;

    /// <summary>The .ko for <paramref name="script"/>, built on first request.</summary>
    public Task<string> ModuleAsync(string moduleName, string script) =>
        _modules.GetOrAdd(moduleName, name => new Lazy<Task<string>>(() => BuildAsync(name, script))).Value;

    private async Task<string> BuildAsync(string moduleName, string script)
    {
        var tree = await TreeAsync();
        var stp = _scripts.Write(moduleName + ".stp", script);
        var result = await new StapInvocation(Toolchain, tree).BuildModuleAsync(stp, moduleName, [], null, CancellationToken.None);
        Assert.True(result.Succeeded, $"building {moduleName} failed:\n{result.Stderr}");
        return result.ModulePath!;
    }

    public void Dispose() => _scripts.Dispose();
}

[CollectionDefinition(Name)]
public sealed class VmCollection : ICollectionFixture<BuiltModules>
{
    public const string Name = "VM (modules built once)";
}
