using System.Text;
using StapSharp.Cli.Files;

namespace StapSharp.Cli.BuildServer;

/// <summary>
/// Where this user's build servers listen: a folder only the user can enter ($XDG_RUNTIME_DIR/stapsharp, or
/// /tmp/stapsharp-UID), one socket per installation of stapsharp (its files and its .NET), so a rebuilt or
/// another copy of the tool never talks to a server running other code.
/// </summary>
internal sealed class BuildServerPlace
{
    /// <summary>Set to 0 (or false, off, no) to build in this process, never with a server.</summary>
    public const string OptOutVariable = "STAPSHARP_BUILD_SERVER";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    // sockaddr_un's sun_path holds 108 bytes with the final NUL.
    private const int MaxSocketPathBytes = 107;

    private BuildServerPlace(string folder, string key)
    {
        Folder = folder;
        SocketPath = Path.Combine(folder, key + ".sock");
        LockPath = LockPathOf(SocketPath);
    }

    public string Folder { get; }

    /// <summary>This installation's socket.</summary>
    public string SocketPath { get; }

    /// <summary>Held (flock) by the one server of this installation while it runs.</summary>
    public string LockPath { get; }

    /// <summary>The lock file of the server at <paramref name="socketPath"/>: its owner removes it last, when it ends.</summary>
    public static string LockPathOf(string socketPath) => Path.ChangeExtension(socketPath, ".lock");

    public static bool IsOptedOut =>
        Environment.GetEnvironmentVariable(OptOutVariable)?.Trim().ToLowerInvariant() is "0" or "false" or "off" or "no";

    /// <summary>This user's folder, made if missing; null when it is not safe to use (another owner, others may enter it, a link).</summary>
    public static string? UserFolder()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null; // peer credentials and /proc are Linux's
        }

        var runtimeDir = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
        var folder = !string.IsNullOrEmpty(runtimeDir) && Path.IsPathRooted(runtimeDir)
            ? Path.Combine(runtimeDir, "stapsharp")
            : Path.Combine(Path.GetTempPath(), $"stapsharp-{Posix.User}");
        try
        {
            if (UnixFile.Ownership(folder) is null)
            {
                Directory.CreateDirectory(folder, OwnerOnly);
            }

            return UnixFile.Ownership(folder) is (FileKind.Folder, var owner, var permissions) && owner == Posix.User && (permissions & ~OwnerOnly) == 0
                ? folder
                : null;
        }
        catch (Exception error) when (FileErrors.IsFileError(error))
        {
            return null;
        }
    }

    /// <summary>The place of this installation's server; null when the user's folder is not safe or the path too long.</summary>
    public static BuildServerPlace? ForThisInstallation()
    {
        if (UserFolder() is not { } folder)
        {
            return null;
        }

        var place = new BuildServerPlace(folder, InstallationKey());
        return Encoding.UTF8.GetByteCount(place.SocketPath) <= MaxSocketPathBytes ? place : null;
    }

    /// <summary>Every server socket in the user's folder, of any installation.</summary>
    public static IEnumerable<string> AllSockets() =>
        UserFolder() is { } folder ? Directory.EnumerateFiles(folder, "*.sock").Order(StringComparer.Ordinal) : [];

    /// <summary>
    /// A name for the code a server would run: the tool's folder and every file in it (name, size, time) and the
    /// .NET it runs on. FNV-1a: it tells versions apart, nothing here needs it to resist a forger (the folder is the user's).
    /// </summary>
    private static string InstallationKey()
    {
        var text = new StringBuilder();
        text.Append(AppContext.BaseDirectory).Append('\n').Append(Path.GetDirectoryName(typeof(object).Assembly.Location)).Append('\n');
        foreach (var file in new DirectoryInfo(AppContext.BaseDirectory).EnumerateFiles().OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            text.Append(file.Name).Append(' ').Append(file.Length).Append(' ').Append(file.LastWriteTimeUtc.Ticks).Append('\n');
        }

        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text.ToString()))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
    }
}
