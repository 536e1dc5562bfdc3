using System.Diagnostics;

namespace StapSharp.Runtime.Toolchain;

/// <summary>
/// A prepared, cached build environment for one kernel release: a copy of SystemTap's runtime
/// patched for the kernel's headers (passed to stap with -R) and a copy of the headers tree with
/// working links, a <c>source</c> link, <c>include/config/kernel.release</c>, a real System.map and
/// links to the release's debuginfo (passed with -r). Lives in $XDG_CACHE_HOME/stapsharp/RELEASE
/// (default ~/.cache/stapsharp).
/// </summary>
public sealed class KernelBuildTree
{
    /// <summary>Written last, inside the tree: its presence means the tree is complete.</summary>
    public const string CompleteMarker = ".complete";

    /// <summary>
    /// With <c>-r DIR</c>, stap (elfutils) opens the kernel's DWARF at DIR/vmlinux and finds modules by walking DIR
    /// for <c>*.ko</c>: these links inside the build tree lead it to the release's debuginfo.
    /// </summary>
    public const string VmlinuxLink = "vmlinux";

    /// <inheritdoc cref="VmlinuxLink"/>
    public const string ModulesDebuginfoLink = "debuginfo-modules";

    internal KernelBuildTree(string root, string release)
    {
        Root = root;
        Release = release;
        RuntimeDir = Path.Combine(root, "runtime");
        BuildDir = Path.Combine(root, "build");
        StapKernelArgument = BuildDir;
        IsPrepared = true;
    }

    private KernelBuildTree(string release, string buildDir, string runtimeDir, string stapKernelArgument)
    {
        Root = buildDir;
        Release = release;
        BuildDir = buildDir;
        RuntimeDir = runtimeDir;
        StapKernelArgument = stapKernelArgument;
    }

    /// <summary>
    /// The tree to check a script against (stap passes 1-3) without booting a VM: the prepared one where it
    /// exists, else the installed headers and the stock runtime. Module builds need
    /// <see cref="PrepareAsync(StapToolchain, IProgress{string}?, CancellationToken)"/>.
    /// </summary>
    /// <param name="cacheRoot">Where prepared trees are kept; null for <see cref="DefaultCacheRoot"/>.</param>
    public static KernelBuildTree ForChecking(StapToolchain toolchain, string? cacheRoot = null)
    {
        toolchain.RequireForBuild();
        // Only the prepared tree has the real System.map: from Debian's stub stap concludes that the kernel has
        // no uretprobes and rejects every process(...).return probe that the module build accepts.
        if (TryOpen(toolchain, cacheRoot) is { } prepared)
        {
            return prepared;
        }
        // The release itself where /lib/modules/RELEASE/build exists: from it stap finds the release's source
        // tree and symbol map (the tapset's kprobe-based aliases need them) and, in the standard places, its
        // vmlinux and module debuginfo; a build-tree path would make it look for DIR/vmlinux instead.
        var release = toolchain.KernelRelease!;
        var buildLink = Path.Combine("/lib/modules", release, "build");
        return Directory.Exists(buildLink)
            ? new KernelBuildTree(release, buildLink, toolchain.RuntimeSourceDir!, stapKernelArgument: release)
            : new KernelBuildTree(release, toolchain.Kernel!.HeadersDir!, toolchain.RuntimeSourceDir!, toolchain.Kernel!.HeadersDir!);
    }

    /// <summary>
    /// What modules for the running kernel build against: the same tree <see cref="ForChecking"/> checks against, the
    /// prepared tree of its release when there is one (its patched runtime and System.map are those VM builds use, so
    /// a module built for the VM of this release is the cached module here too). Never boots a VM.
    /// </summary>
    public static KernelBuildTree ForRunningKernel(StapToolchain toolchain, string? cacheRoot = null) => ForChecking(toolchain, cacheRoot);

    /// <summary>The cache directory of this release.</summary>
    public string Root { get; }
    /// <summary>The kernel release the tree was prepared for.</summary>
    public string Release { get; }
    /// <summary>The patched SystemTap runtime (stap -R).</summary>
    public string RuntimeDir { get; }
    /// <summary>The kernel build tree.</summary>
    public string BuildDir { get; }
    /// <summary>What stap is given with -r: the build tree, or the release when the build tree is the standard one.</summary>
    public string StapKernelArgument { get; }
    /// <summary>True for the prepared tree (patched runtime, real System.map); false for the installed headers as they are.</summary>
    public bool IsPrepared { get; }
    /// <summary>The System.map dumped from the booted kernel.</summary>
    public string SystemMapPath => Path.Combine(BuildDir, "System.map");

    /// <summary>$XDG_CACHE_HOME/stapsharp, or ~/.cache/stapsharp.</summary>
    public static string DefaultCacheRoot() => CacheFolder.Root();

    /// <summary>The tree for the toolchain's release if it is already prepared; null otherwise. Never boots a VM.</summary>
    public static KernelBuildTree? TryOpen(StapToolchain toolchain, string? cacheRoot = null)
    {
        if (toolchain.KernelRelease is not { } release)
        {
            return null;
        }

        var root = Path.Combine(cacheRoot ?? DefaultCacheRoot(), release);
        if (!File.Exists(Path.Combine(root, CompleteMarker)))
        {
            return null;
        }

        var tree = new KernelBuildTree(root, release);
        // Trees prepared before the exit drain existed get it now (the module cache key has the patch level).
        RuntimePatcher.PatchExitDrainFile(tree.RuntimeDir);
        // Trees prepared before the debuginfo was installed (or before it was linked) get their links now.
        if (toolchain.Debuginfo is { } debuginfo)
        {
            LinkDebuginfo(tree.BuildDir, debuginfo);
        }

        return tree;
    }

    /// <summary>
    /// Returns the prepared tree, preparing it first when needed (one VM boot, ~20-60 s).
    /// Safe against concurrent callers (a file lock) and aborted runs (built in a temporary
    /// directory, renamed into place, marked complete last).
    /// </summary>
    public static Task<KernelBuildTree> PrepareAsync(StapToolchain toolchain, IProgress<string>? progress, CancellationToken cancel) =>
        PrepareAsync(toolchain, progress, cancel, cacheRoot: null);

    /// <summary>As <see cref="PrepareAsync(StapToolchain, IProgress{string}?, CancellationToken)"/>, in another cache root.</summary>
    public static async Task<KernelBuildTree> PrepareAsync(
        StapToolchain toolchain, IProgress<string>? progress, CancellationToken cancel, string? cacheRoot)
    {
        toolchain.RequireForBuild();
        var release = toolchain.KernelRelease!;
        cacheRoot ??= DefaultCacheRoot();
        if (TryOpen(toolchain, cacheRoot) is { } ready)
        {
            return ready;
        }

        using var cacheLock = await LockCacheAsync(cacheRoot, release, progress, cancel).ConfigureAwait(false);
        if (TryOpen(toolchain, cacheRoot) is { } preparedMeanwhile)
        {
            return preparedMeanwhile;
        }

        RemoveLeftovers(cacheRoot, release);
        var staging = Path.Combine(cacheRoot, $".{release}.tmp-{Guid.NewGuid():N}");
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var staged = new KernelBuildTree(staging, release);
            progress?.Report($"preparing the build tree for {release} in {Path.Combine(cacheRoot, release)}");
            CopyPatchedRuntime(toolchain, staged);
            CopyHeaders(toolchain, staged);
            if (toolchain.Debuginfo is { } debuginfo)
            {
                LinkDebuginfo(staged.BuildDir, debuginfo);
            }

            var symbols = await KallsymsDump.ReadAsync(toolchain, TimeSpan.FromSeconds(180), progress, cancel).ConfigureAwait(false);
            await File.WriteAllLinesAsync(staged.SystemMapPath, symbols, CancellationToken.None).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(staging, CompleteMarker),
                $"release {release}\nsymbols {symbols.Count}\nprepared {DateTime.UtcNow:O}\n", CancellationToken.None).ConfigureAwait(false);

            var final = Path.Combine(cacheRoot, release);
            if (Directory.Exists(final))
            {
                Directory.Delete(final, recursive: true); // incomplete: it had no marker
            }

            Directory.Move(staging, final);
            progress?.Report($"build tree ready in {stopwatch.Elapsed.TotalSeconds:0.0} s");
            return new KernelBuildTree(final, release);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>Makes the cache folder and takes its lock; a folder that cannot be made is the user's to fix, not a crash.</summary>
    private static async Task<IDisposable> LockCacheAsync(string cacheRoot, string release, IProgress<string>? progress, CancellationToken cancel)
    {
        try
        {
            Directory.CreateDirectory(cacheRoot);
            return await CacheLock.AcquireAsync(Path.Combine(cacheRoot, release + ".lock"), progress, cancel).ConfigureAwait(false);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new ToolchainException(
                $"cannot use the cache folder {cacheRoot}: {error.Message} (it is $XDG_CACHE_HOME/stapsharp or ~/.cache/stapsharp)");
        }
    }

    private static void CopyPatchedRuntime(StapToolchain toolchain, KernelBuildTree staged)
    {
        DirectoryCopier.Copy(toolchain.RuntimeSourceDir!, staged.RuntimeDir);
        var kernel = toolchain.Kernel!;
        var headerDirs = new[] { kernel.HeadersDir, kernel.SourceDir }.OfType<string>();
        RuntimePatcher.PatchRuntimeDirectory(staged.RuntimeDir, headerDirs);
    }

    private static void CopyHeaders(StapToolchain toolchain, KernelBuildTree staged)
    {
        var kernel = toolchain.Kernel!;
        DirectoryCopier.Copy(kernel.HeadersDir!, staged.BuildDir);
        // stap finds tracepoint headers through BUILD/source (Debian: the -common package).
        var source = Path.Combine(staged.BuildDir, "source");
        if (kernel.SourceDir is { } sourceDir && !Path.Exists(source))
        {
            File.CreateSymbolicLink(source, sourceDir);
        }

        var config = Path.Combine(staged.BuildDir, "include", "config");
        Directory.CreateDirectory(config);
        File.WriteAllText(Path.Combine(config, "kernel.release"), kernel.Release + "\n");
    }

    /// <summary>
    /// Points <see cref="VmlinuxLink"/> and <see cref="ModulesDebuginfoLink"/> at the release's debuginfo, where it
    /// is or where its package puts it: a link to a package not installed yet dangles, and stap finds nothing
    /// through it, as without the link, until the package is installed.
    /// </summary>
    internal static void LinkDebuginfo(string buildDir, KernelDebuginfo debuginfo)
    {
        EnsureLink(Path.Combine(buildDir, VmlinuxLink), debuginfo.ExpectedVmlinuxPath);
        EnsureLink(Path.Combine(buildDir, ModulesDebuginfoLink), debuginfo.ExpectedModulesDirectory);
    }

    private static void EnsureLink(string link, string target)
    {
        try
        {
            var existing = new FileInfo(link);
            if (existing.LinkTarget == target)
            {
                return;
            }

            if (existing.LinkTarget is not null)
            {
                existing.Delete();
            }
            else if (Path.Exists(link))
            {
                return; // a real file of the headers: not ours to replace
            }

            File.CreateSymbolicLink(link, target);
        }
        catch (IOException)
        {
            // Another process linked it meanwhile, or the cache is read-only: stap then reports what it cannot find.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void RemoveLeftovers(string cacheRoot, string release)
    {
        foreach (var leftover in Directory.EnumerateDirectories(cacheRoot, $".{release}.tmp-*"))
        {
            try { Directory.Delete(leftover, recursive: true); }
            catch (IOException) { }
        }
    }
}

/// <summary>An exclusive lock on a file (flock via FileShare.None), polled until free.</summary>
internal sealed class CacheLock : IDisposable
{
    private readonly FileStream _stream;

    // What System.IO reports (EWOULDBLOCK) when another process holds the file; any other error would never clear.
    private const int LockedByAnother = 11;

    private CacheLock(FileStream stream) => _stream = stream;

    public static async Task<CacheLock> AcquireAsync(string path, IProgress<string>? progress, CancellationToken cancel)
    {
        var told = false;
        while (true)
        {
            cancel.ThrowIfCancellationRequested();
            try
            {
                return new CacheLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException error) when (error.HResult == LockedByAnother)
            {
                if (!told)
                {
                    progress?.Report("waiting for another process preparing the same build tree");
                }

                told = true;
                await Task.Delay(500, cancel).ConfigureAwait(false);
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
