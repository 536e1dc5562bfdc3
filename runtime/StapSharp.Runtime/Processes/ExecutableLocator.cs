namespace StapSharp.Runtime.Processes;

/// <summary>Finds executables on PATH (or at well-known absolute locations).</summary>
internal static class ExecutableLocator
{
    /// <summary>Returns the full path of <paramref name="name"/> on PATH, or null.</summary>
    public static string? FindOnPath(string name, string? pathVariable = null)
    {
        if (name.Contains('/'))
        {
            return IsExecutableFile(name) ? Path.GetFullPath(name) : null;
        }

        var path = pathVariable ?? Environment.GetEnvironmentVariable("PATH") ?? "";
        // sbin directories are often missing from PATH under sudo/CI but hold tools we want.
        var directories = path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"]);
        foreach (var directory in directories)
        {
            var candidate = Path.Combine(directory, name);
            if (IsExecutableFile(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    /// <summary>Returns the first existing executable among <paramref name="candidates"/>.</summary>
    public static string? FirstExisting(params string[] candidates) =>
        candidates.FirstOrDefault(IsExecutableFile);

    public static bool IsExecutableFile(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return false;
            }

            if (OperatingSystem.IsWindows())
            {
                return true;
            }

            var mode = File.GetUnixFileMode(path);
            return (mode & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }
}
