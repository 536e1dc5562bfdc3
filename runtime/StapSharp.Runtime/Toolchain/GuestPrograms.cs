using StapSharp.Runtime.Machines;
using StapSharp.Runtime.Processes;

namespace StapSharp.Runtime.Toolchain;

/// <summary>
/// The host programs a guest image carries (<see cref="GuestImage"/>), found on this host: busybox and its applets,
/// staprun, stapio and the shared libraries they load.
/// </summary>
internal static class GuestPrograms
{
    /// <summary>The toolchain's busybox (none when it is not installed) and the applets it lists.</summary>
    public static async Task<GuestBusybox> BusyboxAsync(StapToolchain toolchain, CancellationToken cancel) =>
        toolchain.BusyboxPath is { } busybox
            ? new GuestBusybox(busybox, await ListAppletsAsync(busybox, cancel).ConfigureAwait(false))
            : new GuestBusybox(null, []);

    /// <summary>staprun and stapio, with every library ldd says they load.</summary>
    /// <exception cref="ToolchainException">Something a VM run needs is missing, or a library is not installed.</exception>
    public static async Task<GuestStaprun> StaprunAsync(StapToolchain toolchain, CancellationToken cancel)
    {
        toolchain.RequireForVm();
        var staprun = toolchain.StaprunPath!;
        var stapio = toolchain.StapioPath!;
        var libraries = await ResolveLibrariesAsync(toolchain.LddPath!, [staprun, stapio], cancel).ConfigureAwait(false);
        return new GuestStaprun(staprun, stapio, libraries);
    }

    /// <summary>dropbear, stapsh, the host's /bin/sh (links resolved) and coreutils' date, with every library ldd says they load.</summary>
    /// <exception cref="ToolchainException">One of them is not installed, or a library is not.</exception>
    public static async Task<GuestSshPrograms> SshServerAsync(StapToolchain toolchain, CancellationToken cancel)
    {
        toolchain.RequireForVm();
        var dropbear = Installed(GuestSshServer.Dropbear, "dropbear-bin");
        var stapsh = ExecutableLocator.FirstExisting("/usr/lib/systemtap/stapsh", "/usr/libexec/systemtap/stapsh")
            ?? throw new ToolchainException("stapsh is not installed here", "apt-get install systemtap-runtime");
        var date = ExecutableLocator.FirstExisting("/usr/bin/date", "/bin/date")
            ?? throw new ToolchainException("date is not installed here", "apt-get install coreutils");
        var shell = new FileInfo("/bin/sh").ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Installed("/bin/sh", "dash");
        var libraries = await ResolveLibrariesAsync(toolchain.LddPath!, [dropbear, stapsh, shell, date], cancel).ConfigureAwait(false);
        return new GuestSshPrograms(dropbear, stapsh, shell, date, libraries);

        static string Installed(string path, string package) =>
            File.Exists(path) ? path : throw new ToolchainException($"{path} is not installed here", "apt-get install " + package);
    }

    private static async Task<IReadOnlyList<string>> ResolveLibrariesAsync(string ldd, IEnumerable<string> binaries, CancellationToken cancel)
    {
        var all = new List<string>();
        foreach (var binary in binaries)
        {
            var outcome = await ProcessRunner.RunAsync(ldd, [binary], timeout: TimeSpan.FromSeconds(30), cancel: cancel).ConfigureAwait(false);
            var libraries = LddParser.ParseLibraries(outcome.Stdout, out var notFound);
            if (notFound.Count > 0)
            {
                throw new ToolchainException($"{binary} needs libraries that are not installed: {string.Join(", ", notFound)}",
                    "apt-get install --reinstall systemtap-runtime");
            }

            all.AddRange(libraries.Where(l => !all.Contains(l)));
        }
        return all;
    }

    /// <summary>The applets <c>busybox --list</c> names; empty when it cannot be run (the guest image falls back to what /init needs).</summary>
    private static async Task<IReadOnlyList<string>> ListAppletsAsync(string busybox, CancellationToken cancel)
    {
        try
        {
            var outcome = await ProcessRunner.RunAsync(busybox, ["--list"], timeout: TimeSpan.FromSeconds(10), cancel: cancel).ConfigureAwait(false);
            var applets = outcome.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(a => a != "busybox" && !a.Contains('/') && a.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '[' or '.'))
                .ToList();
            return applets.Count > 0 && outcome.ExitCode == 0 ? applets : [];
        }
        catch (ToolchainException)
        {
            return [];
        }
    }
}
