namespace StapSharp.Runtime.Toolchain;

/// <summary>
/// Installs a kernel's debuginfo package (<see cref="AptInstaller"/>): close to a gigabyte to download and several on
/// disk, so only ever on an explicit request (<c>stapsharp doctor --install-debuginfo</c>, tests/run.sh).
/// </summary>
public static class DebuginfoInstaller
{
    /// <summary>
    /// Installs <paramref name="debuginfo"/>'s package, sending apt's output to <paramref name="onLine"/>, and
    /// returns the debuginfo as found afterwards. Needs root; refreshes the package index first when it does
    /// not know the package (the archive moves on to new releases).
    /// </summary>
    /// <exception cref="ToolchainException">Not root, apt-get missing or failing, or the files not where stap looks.</exception>
    public static async Task<KernelDebuginfo> InstallAsync(KernelDebuginfo debuginfo, Action<string> onLine, CancellationToken cancel)
    {
        if (debuginfo.IsInstalled)
        {
            return debuginfo;
        }

        await AptInstaller.InstallAsync(debuginfo.PackageName, refreshIndexFirst: debuginfo.Sizes is null, onLine, cancel).ConfigureAwait(false);

        var installed = KernelDebuginfo.Locate(debuginfo.Release);
        if (!installed.IsInstalled)
        {
            throw new ToolchainException(
                $"{debuginfo.PackageName} is installed but {installed.ExpectedVmlinuxPath} is missing; " +
                $"stap looks in {string.Join(", ", installed.Roots)} ({KernelDebuginfo.SearchPathVariable})");
        }

        return installed;
    }
}
