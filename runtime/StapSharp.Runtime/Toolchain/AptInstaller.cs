using System.Text.RegularExpressions;
using StapSharp.Runtime.Processes;

namespace StapSharp.Runtime.Toolchain;

/// <summary>
/// Installs one Debian package with apt-get, for the kernel packages the runtime asks for by name (a release's
/// debuginfo, a fleet host's headers). Only ever on an explicit request: these are hundreds of megabytes.
/// </summary>
public static partial class AptInstaller
{
    /// <summary>Upper bound on one apt-get call (a debuginfo package unpacks several gigabytes).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Runs <c>apt-get install -y --no-install-recommends PACKAGE</c>, after <c>apt-get update</c> when
    /// <paramref name="refreshIndexFirst"/> (the archive moves on to new releases), sending apt's output to
    /// <paramref name="onLine"/>. Needs root.
    /// </summary>
    /// <param name="package">The package name; checked to be one (it is an argument of apt-get, never an option).</param>
    /// <param name="aptGetPath">apt-get itself; null: found on PATH.</param>
    /// <exception cref="ToolchainException">Not root, apt-get missing, or an apt-get call failing.</exception>
    public static async Task InstallAsync(
        string package, bool refreshIndexFirst, Action<string> onLine, CancellationToken cancel, string? aptGetPath = null)
    {
        if (!IsPackageName(package))
        {
            throw new ArgumentException($"'{package}' is not a package name", nameof(package));
        }

        var advice = "apt-get install --no-install-recommends " + package;
        if (!new HostProbe().IsRoot())
        {
            throw new ToolchainException($"installing {package} needs root", advice);
        }

        var aptGet = aptGetPath ?? ExecutableLocator.FindOnPath("apt-get")
            ?? throw new ToolchainException($"apt-get is needed to install {package}; install the package with your distribution's tools");
        if (refreshIndexFirst)
        {
            await RunAsync(aptGet, ["update"], package, advice, onLine, cancel).ConfigureAwait(false);
        }

        await RunAsync(aptGet, ["install", "-y", "--no-install-recommends", package], package, advice, onLine, cancel).ConfigureAwait(false);
    }

    private static async Task RunAsync(string aptGet, string[] arguments, string package, string advice, Action<string> onLine, CancellationToken cancel)
    {
        onLine($"apt-get {string.Join(' ', arguments)}");
        var environment = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" };
        var outcome = await ProcessRunner.RunAsync(aptGet, arguments, timeout: Timeout, onStdoutLine: onLine, onStderrLine: onLine,
            environment: environment, cancel: cancel).ConfigureAwait(false);
        if (outcome.ExitCode != 0)
        {
            throw new ToolchainException(
                $"apt-get {arguments[0]} failed ({(outcome.TimedOut ? $"stopped after {Timeout.TotalMinutes:0} min" : $"exit {outcome.ExitCode}")}) " +
                $"while installing {package}", advice);
        }
    }

    /// <summary>Whether <paramref name="name"/> can be a Debian package name.</summary>
    public static bool IsPackageName(string name) => PackageName().IsMatch(name);

    // Debian's rule for package names; it also keeps an option ("-o...") or a path out of apt-get's arguments.
    [GeneratedRegex(@"\A[a-z0-9][a-z0-9+.-]{1,127}\z")]
    private static partial Regex PackageName();
}
