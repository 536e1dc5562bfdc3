namespace StapSharp.Runtime.Toolchain;

/// <summary>
/// Installs a kernel release's headers from the distribution's archive (<see cref="AptInstaller"/>), so a module can be
/// built here for a host that runs that release (<c>stap -r</c>). Only on an explicit request (<c>run --install-headers</c>).
/// </summary>
public static class KernelHeadersInstaller
{
    /// <summary>The Debian package that holds <paramref name="release"/>'s headers (/lib/modules/RELEASE/build).</summary>
    public static string PackageName(string release) => "linux-headers-" + release;

    /// <summary>
    /// Installs <paramref name="release"/>'s headers, refreshing the package index first (a host may run a release newer
    /// than this machine's index knows), and returns the release as found afterwards.
    /// </summary>
    /// <param name="aptGetPath">apt-get itself; null: found on PATH.</param>
    /// <param name="discover">Finds the release's files; null: <see cref="StapToolchain.Discover"/>.</param>
    /// <exception cref="ToolchainException">No such package name, not root, apt-get failing, or the headers still missing.</exception>
    public static async Task<KernelInstall> InstallAsync(
        string release, Action<string> onLine, CancellationToken cancel, string? aptGetPath = null, Func<string, KernelInstall?>? discover = null)
    {
        discover ??= r => StapToolchain.Discover(r).Kernel;
        var package = PackageName(release);
        if (!AptInstaller.IsPackageName(package))
        {
            throw new ToolchainException($"kernel release {release} has no Debian headers package ({package} is not a package name)");
        }

        await AptInstaller.InstallAsync(package, refreshIndexFirst: true, onLine, cancel, aptGetPath).ConfigureAwait(false);
        return discover(release) is { HeadersDir: not null } installed
            ? installed
            : throw new ToolchainException($"{package} is installed but /lib/modules/{release}/build is missing");
    }
}
