namespace StapSharp.Runtime.Toolchain;

/// <summary>
/// Where stapsharp keeps what it caches for the user: prepared kernel trees, modules, scripts, the accelerator
/// verdict and the probe-point catalogues. Compiled into the completion provider too, which reads the catalogues
/// from the same place inside the IDE.
/// </summary>
internal static class CacheFolder
{
    /// <summary>$XDG_CACHE_HOME/stapsharp, or ~/.cache/stapsharp.</summary>
    public static string Root()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var baseDir = !string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(baseDir, "stapsharp");
    }
}
