using StapSharp.Runtime.Processes;

namespace StapSharp.Runtime.Toolchain;

/// <summary>
/// Installs a kernel's debuginfo package with apt-get: close to a gigabyte to download and several on
/// disk, so only ever on an explicit request (<c>stapsharp doctor --install-debuginfo</c>, tests/run.sh).
/// </summary>
public static class DebuginfoInstaller
{
    /// <summary>Upper bound on the whole install (the package unpacks several gigabytes).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(30);

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

        if (!new HostProbe().IsRoot())
        {
            throw new ToolchainException($"installing {debuginfo.PackageName} needs root", debuginfo.AptCommand);
        }

        var aptGet = ExecutableLocator.FindOnPath("apt-get")
            ?? throw new ToolchainException($"apt-get is needed to install {debuginfo.PackageName}; install the package with your distribution's tools");
        var environment = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" };

        if (debuginfo.Sizes is null)
        {
            await RunAsync(aptGet, ["update"], environment, onLine, debuginfo, cancel).ConfigureAwait(false);
        }

        await RunAsync(aptGet, ["install", "-y", "--no-install-recommends", debuginfo.PackageName], environment, onLine, debuginfo, cancel).ConfigureAwait(false);

        var installed = KernelDebuginfo.Locate(debuginfo.Release);
        if (!installed.IsInstalled)
        {
            throw new ToolchainException(
                $"{debuginfo.PackageName} is installed but {installed.ExpectedVmlinuxPath} is missing; " +
                $"stap looks in {string.Join(", ", installed.Roots)} ({KernelDebuginfo.SearchPathVariable})");
        }

        return installed;
    }

    private static async Task RunAsync(
        string aptGet, string[] arguments, IReadOnlyDictionary<string, string> environment, Action<string> onLine,
        KernelDebuginfo debuginfo, CancellationToken cancel)
    {
        onLine($"apt-get {string.Join(' ', arguments)}");
        var outcome = await ProcessRunner.RunAsync(aptGet, arguments, timeout: Timeout, onStdoutLine: onLine, onStderrLine: onLine,
            environment: environment, cancel: cancel).ConfigureAwait(false);
        if (outcome.ExitCode != 0)
        {
            throw new ToolchainException(
                $"apt-get {arguments[0]} failed ({(outcome.TimedOut ? $"stopped after {Timeout.TotalMinutes:0} min" : $"exit {outcome.ExitCode}")}) " +
                $"while installing {debuginfo.PackageName}", debuginfo.AptCommand);
        }
    }
}
