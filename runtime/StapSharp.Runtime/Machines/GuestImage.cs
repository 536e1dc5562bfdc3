namespace StapSharp.Runtime.Machines;

/// <summary>The host's static busybox and the applets it lists.</summary>
/// <param name="Path">Its host path; null when it is not installed.</param>
/// <param name="Applets">What <c>busybox --list</c> printed; empty when it could not be run.</param>
internal sealed record GuestBusybox(string? Path, IReadOnlyList<string> Applets);

/// <summary>staprun, stapio and the shared libraries they load, as host paths.</summary>
internal sealed record GuestStaprun(string Staprun, string Stapio, IReadOnlyList<string> Libraries);

/// <summary>
/// What a login needs on a guest's own root, as host paths: dropbear, stapsh, the host's shell (busybox's sh runs its
/// own applets before any on PATH), coreutils' date (busybox's has no %N, which reading the guest's clock needs) and
/// the shared libraries they load.
/// </summary>
internal sealed record GuestSshPrograms(string Dropbear, string Stapsh, string Shell, string Date, IReadOnlyList<string> Libraries);

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
    /// <exception cref="MachineException">There is no busybox.</exception>
    public static InitramfsBuilder CreateBase(GuestBusybox busybox)
    {
        var path = busybox.Path
            ?? throw new MachineException("a statically linked busybox is needed for the VM", "apt-get install busybox-static");
        var image = new InitramfsBuilder();
        foreach (var dir in new[] { "proc", "sys", "dev", "tmp", "mod", "root", "usr/bin", "usr/sbin", "sbin" })
        {
            image.AddDirectory(dir);
        }

        image.AddCharacterDevice("dev/console", 5, 1);
        image.AddHostFile("bin/busybox", path, InitramfsBuilder.Executable);
        foreach (var applet in busybox.Applets.Count > 0 ? busybox.Applets : EssentialApplets)
        {
            image.AddSymlink("bin/" + applet, "busybox");
        }

        return image;
    }

    /// <summary>Busybox plus staprun, stapio and their libraries, at the paths they have on the host.</summary>
    /// <exception cref="MachineException">There is no busybox.</exception>
    public static InitramfsBuilder CreateForStaprun(GuestBusybox busybox, GuestStaprun staprun)
    {
        var image = CreateBase(busybox);
        image.AddHostFile("usr/bin/staprun", staprun.Staprun, InitramfsBuilder.Executable);
        // staprun execs stapio from the path compiled into it, so it keeps its host path.
        image.AddHostFile(staprun.Stapio, staprun.Stapio, InitramfsBuilder.Executable);
        foreach (var library in staprun.Libraries)
        {
            image.AddHostFile(library, library, InitramfsBuilder.Executable);
        }

        return image;
    }

    /// <summary>
    /// Everything a remote host's login uses, on the guest's own root: staprun's image plus dropbear, stapsh, the shell
    /// and date at their host paths, and root's entry (with that shell, listed in /etc/shells) for dropbear to log in.
    /// </summary>
    /// <exception cref="MachineException">There is no busybox.</exception>
    public static InitramfsBuilder CreateForSshServer(GuestBusybox busybox, GuestStaprun staprun, GuestSshPrograms ssh)
    {
        var image = CreateForStaprun(busybox, staprun);
        foreach (var program in new[] { ssh.Dropbear, ssh.Stapsh, ssh.Shell, ssh.Date })
        {
            image.AddHostFile(program, program, InitramfsBuilder.Executable);
        }

        foreach (var library in ssh.Libraries)
        {
            image.AddHostFile(library, library, InitramfsBuilder.Executable);
        }

        image.AddText("etc/passwd", $"root:x:0:0:root:/root:{ssh.Shell}\n");
        // dropbear lets in only users whose shell /etc/shells lists (without it: /bin/sh and /bin/csh).
        image.AddText("etc/shells", ssh.Shell + "\n");
        return image;
    }
}
