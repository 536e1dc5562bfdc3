using System.Security.Cryptography;
using System.Text;
using StapSharp.Runtime.Toolchain;

namespace StapSharp.Runtime.Build;

/// <summary>
/// Built modules, kept by what determines them. stap caches modules itself, but not when the module
/// is named with <c>-m</c> (as StapSharp does, so that it shows as /sys/module/stapsharp_NAME), so
/// without this every run would recompile an unchanged script.
/// </summary>
/// <remarks>
/// The key covers the script text, the module name, the extra stap arguments, the kernel build tree
/// and runtime used (with the level of its patches), the stap binary itself (size and time) and the content of the host programs and
/// libraries its user-space probes name (stap compiles their addresses and build-id into the module),
/// so a changed input never reuses a stale module. Entries are written to a temporary name and renamed,
/// so a reader never sees half a file.
/// </remarks>
public sealed class ModuleCache
{
    private readonly string _root;

    public ModuleCache(string root) => _root = root;

    /// <summary>The cache under <see cref="KernelBuildTree.DefaultCacheRoot"/>.</summary>
    public static ModuleCache Default() => new(Path.Combine(KernelBuildTree.DefaultCacheRoot(), "modules"));

    public static string Key(string scriptText, string moduleName, IReadOnlyList<string> extraArgs, KernelBuildTree tree, string stapPath)
    {
        var stap = new FileInfo(stapPath);
        var identity = new StringBuilder()
            .Append(scriptText).Append('\0')
            .Append(moduleName).Append('\0')
            .AppendJoin('\u0001', extraArgs).Append('\0')
            .Append(tree.Release).Append('\0').Append(tree.BuildDir).Append('\0').Append(tree.RuntimeDir).Append('\0')
            .Append(RuntimePatcher.Level).Append('\0')
            .Append(stap.FullName).Append('\0').Append(stap.Exists ? stap.Length : 0).Append('\0')
            .Append(stap.Exists ? stap.LastWriteTimeUtc.Ticks : 0);
        // A rebuilt program keeps its path and often its size: only its content tells the modules apart. That holds for the
        // programs the script probes and for those whose symbols are built in (-d PATH).
        foreach (var probed in UserSpaceProbeFiles.Find(scriptText).Concat(ProgramSymbols.In(extraArgs)))
        {
            identity.Append('\0').Append(probed).Append('\0').Append(ContentHash(probed));
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(identity.ToString()))).ToLowerInvariant();
    }

    private static string ContentHash(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return Convert.ToHexString(SHA256.HashData(stream));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "unreadable"; // stap cannot read it either and fails the build, which is never cached
        }
    }

    /// <summary>Copies the cached module for <paramref name="key"/> to <paramref name="destination"/>; false when there is none.</summary>
    public bool TryRestore(string key, string destination)
    {
        var cached = PathOf(key, Path.GetFileName(destination));
        if (!File.Exists(cached))
        {
            return false;
        }

        File.Copy(cached, destination, overwrite: true);
        return true;
    }

    public void Store(string key, string module)
    {
        var cached = PathOf(key, Path.GetFileName(module));
        Directory.CreateDirectory(Path.GetDirectoryName(cached)!);
        var staging = cached + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.Copy(module, staging, overwrite: true);
        File.Move(staging, cached, overwrite: true);
    }

    private string PathOf(string key, string fileName) => Path.Combine(_root, key[..2], key, fileName);
}
