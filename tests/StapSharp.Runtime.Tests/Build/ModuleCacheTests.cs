using StapSharp.Runtime.Build;
using StapSharp.Runtime.Toolchain;

namespace StapSharp.Runtime.Tests.Build;

/// <summary>A module is reused only for exactly the same inputs, and entries are whole files.</summary>
public sealed class ModuleCacheTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("stapsharp-modcache-").FullName;
    private readonly string _stap;

    public ModuleCacheTests()
    {
        _stap = Path.Combine(_folder, "stap");
        File.WriteAllText(_stap, "binary");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Restores_what_was_stored_under_the_same_key()
    {
        var cache = new ModuleCache(Path.Combine(_folder, "cache"));
        var module = Path.Combine(_folder, "m.ko");
        File.WriteAllBytes(module, [1, 2, 3]);
        var key = Key("probe begin {}");

        Assert.False(cache.TryRestore(key, Path.Combine(_folder, "out.ko")));
        cache.Store(key, module);
        File.Delete(module);

        Assert.True(cache.TryRestore(key, Path.Combine(_folder, "m.ko")));
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(Path.Combine(_folder, "m.ko")));
        Assert.Empty(Directory.GetFiles(Path.Combine(_folder, "cache"), "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void Any_changed_input_changes_the_key()
    {
        var baseline = Key("probe begin {}");
        Assert.Equal(baseline, Key("probe begin {}"));
        Assert.NotEqual(baseline, Key("probe begin { }"));
        Assert.NotEqual(baseline, Key("probe begin {}", moduleName: "other"));
        Assert.NotEqual(baseline, Key("probe begin {}", extraArgs: ["-g"]));
        Assert.NotEqual(baseline, Key("probe begin {}", release: "6.1.0-99-amd64"));

        // A different stap binary (a package upgrade) invalidates every module.
        File.WriteAllText(_stap, "upgraded binary");
        Assert.NotEqual(baseline, Key("probe begin {}"));
    }

    [Fact]
    public void A_rebuilt_program_that_a_user_space_probe_names_changes_the_key()
    {
        var program = Path.Combine(_folder, "prog");
        File.WriteAllText(program, "build 1");
        var script = $"probe process(\"{program}\").function(\"f\") {{}}";
        var baseline = Key(script);
        Assert.Equal(baseline, Key(script));

        // Same path, same size: stap compiled the old build's addresses and build-id into the module.
        File.WriteAllText(program, "build 2");
        Assert.NotEqual(baseline, Key(script));
    }

    [Fact]
    public void A_rebuilt_program_whose_symbols_are_built_in_changes_the_key()
    {
        var program = Path.Combine(_folder, "prog");
        File.WriteAllText(program, "build 1");
        var baseline = Key("probe begin {}", extraArgs: ["-d", program]);
        Assert.Equal(baseline, Key("probe begin {}", extraArgs: ["-d", program]));

        // stap -d PATH copies the build's symbol table and unwind data into the module.
        File.WriteAllText(program, "build 2");
        Assert.NotEqual(baseline, Key("probe begin {}", extraArgs: ["-d", program]));
    }

    private string Key(string script, string moduleName = "stapsharp_t", IReadOnlyList<string>? extraArgs = null, string release = "6.1.0-56-amd64")
    {
        var tree = new KernelBuildTree(Path.Combine(_folder, "tree"), release);
        return ModuleCache.Key(script, moduleName, extraArgs ?? [], tree, _stap);
    }
}
