using StapSharp.Runtime.Toolchain;

namespace StapSharp.Runtime.Targets.Vm;

/// <summary>
/// The fixed part of the guest's root file system: a static busybox with its applet links,
/// and (for running modules) staprun, stapio and the shared libraries they load.
/// </summary>
internal static class GuestImage
{
    /// <summary>Where the module is placed in the guest.</summary>
    public const string ModuleDirectory = "/mod";

    // Used when `busybox --list` cannot be run; enough for the generated /init.
    private static readonly string[] EssentialApplets =
        ["sh", "mount", "mkdir", "echo", "cat", "poweroff", "sleep", "kill", "dmesg", "grep", "stty", "ls", "date", "uname", "tr", "rm", "touch"];

    /// <summary>Busybox only (enough to dump /proc/kallsyms).</summary>
    public static async Task<InitramfsBuilder> CreateBaseAsync(StapToolchain toolchain, CancellationToken cancel)
    {
        var busybox = toolchain.BusyboxPath
            ?? throw new ToolchainException("a statically linked busybox is needed for the VM", "apt-get install busybox-static");
        var image = new InitramfsBuilder();
        foreach (var dir in new[] { "proc", "sys", "dev", "tmp", "mod", "root", "usr/bin", "usr/sbin", "sbin" })
            image.AddDirectory(dir);
        image.AddCharacterDevice("dev/console", 5, 1);
        image.AddHostFile("bin/busybox", busybox, InitramfsBuilder.Executable);
        foreach (var applet in await ListAppletsAsync(busybox, cancel).ConfigureAwait(false))
            image.AddSymlink("bin/" + applet, "busybox");
        return image;
    }

    /// <summary>Busybox plus staprun, stapio and their libraries, at the paths they have on the host.</summary>
    public static async Task<InitramfsBuilder> CreateForStaprunAsync(StapToolchain toolchain, CancellationToken cancel)
    {
        toolchain.RequireForVm();
        var image = await CreateBaseAsync(toolchain, cancel).ConfigureAwait(false);
        var staprun = toolchain.StaprunPath!;
        var stapio = toolchain.StapioPath!;
        image.AddHostFile("usr/bin/staprun", staprun, InitramfsBuilder.Executable);
        // staprun execs stapio from the path compiled into it, so it keeps its host path.
        image.AddHostFile(stapio, stapio, InitramfsBuilder.Executable);
        foreach (var library in await ResolveLibrariesAsync(toolchain.LddPath!, [staprun, stapio], cancel).ConfigureAwait(false))
            image.AddHostFile(library, library, InitramfsBuilder.Executable);
        return image;
    }

    private static async Task<IReadOnlyList<string>> ResolveLibrariesAsync(string ldd, IEnumerable<string> binaries, CancellationToken cancel)
    {
        var all = new List<string>();
        foreach (var binary in binaries)
        {
            var outcome = await ProcessRunner.RunAsync(ldd, [binary], timeout: TimeSpan.FromSeconds(30), cancel: cancel).ConfigureAwait(false);
            var libraries = LddParser.ParseLibraries(outcome.Stdout, out var notFound);
            if (notFound.Count > 0)
                throw new ToolchainException($"{binary} needs libraries that are not installed: {string.Join(", ", notFound)}",
                    "apt-get install --reinstall systemtap-runtime");
            all.AddRange(libraries.Where(l => !all.Contains(l)));
        }
        return all;
    }

    private static async Task<IReadOnlyList<string>> ListAppletsAsync(string busybox, CancellationToken cancel)
    {
        try
        {
            var outcome = await ProcessRunner.RunAsync(busybox, ["--list"], timeout: TimeSpan.FromSeconds(10), cancel: cancel).ConfigureAwait(false);
            var applets = outcome.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(a => a != "busybox" && !a.Contains('/') && a.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '[' or '.'))
                .ToList();
            return applets.Count > 0 && outcome.ExitCode == 0 ? applets : EssentialApplets;
        }
        catch (ToolchainException)
        {
            return EssentialApplets;
        }
    }
}
