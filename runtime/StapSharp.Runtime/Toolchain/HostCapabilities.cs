namespace StapSharp.Runtime.Toolchain;

/// <summary>Whether this host's own kernel can load SystemTap modules (the local staprun target).</summary>
/// <param name="CanLoadModules">True when staprun can insert a module into the running kernel.</param>
/// <param name="Reason">Why not, when <paramref name="CanLoadModules"/> is false; null otherwise.</param>
/// <param name="RunningRelease">uname -r of the running kernel.</param>
public sealed record HostCapabilities(bool CanLoadModules, string? Reason, string RunningRelease)
{
    /// <summary>Checks module support (/proc/modules, CONFIG_MODULES), root, /proc/sys/kernel/modules_disabled and headers for the running kernel.</summary>
    public static HostCapabilities Detect() => Detect(new HostProbe());

    internal static HostCapabilities Detect(HostProbe probe)
    {
        var release = probe.RunningRelease();
        // First what no package or permission can change: a kernel built without modules loads none.
        if (!probe.FileExists("/proc/modules"))
        {
            return new(false, WithoutModuleSupport(probe, release), release);
        }

        if (!probe.IsRoot())
        {
            return new(false, "not running as root (staprun needs root or the stapusr/stapdev groups)", release);
        }

        if (probe.ReadText("/proc/sys/kernel/modules_disabled")?.Trim() == "1")
        {
            return new(false, "module loading is disabled (/proc/sys/kernel/modules_disabled is 1)", release);
        }

        if (!probe.DirectoryExists($"/lib/modules/{release}/build"))
        {
            return new(false, $"no headers for the running kernel {release} (/lib/modules/{release}/build); fix: apt-get install linux-headers-{release}", release);
        }

        return new(true, null, release);
    }

    /// <summary>
    /// /proc/modules exists exactly when the kernel has CONFIG_MODULES; its configuration, where readable, says so
    /// in its own words. No headers package can help such a kernel.
    /// </summary>
    private static string WithoutModuleSupport(HostProbe probe, string release)
    {
        foreach (var config in new[] { "/proc/config.gz", $"/boot/config-{release}" })
        {
            var text = probe.ReadKernelConfig(config);
            if (text is null)
            {
                continue;
            }

            if (text.Split('\n').Any(line => line.Trim() == "# CONFIG_MODULES is not set"))
            {
                return $"the running kernel {release} is built without module support (CONFIG_MODULES is not set in {config}; /proc/modules does not exist)";
            }

            break;
        }
        return $"the running kernel {release} has no module support (/proc/modules does not exist)";
    }
}

/// <summary>The host facts <see cref="HostCapabilities"/> reads; replaceable in tests.</summary>
internal class HostProbe
{
    public virtual string RunningRelease() =>
        ReadText("/proc/sys/kernel/osrelease")?.Trim() ?? Environment.OSVersion.Version.ToString();
    public virtual bool IsRoot() => Environment.UserName == "root" || geteuid() == 0;
    public virtual bool FileExists(string path) => File.Exists(path);
    public virtual bool DirectoryExists(string path) => Directory.Exists(path);
    public virtual string? ReadText(string path)
    {
        try { return File.ReadAllText(path); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    /// <summary>A kernel configuration file, gunzipped when its name ends in .gz; null when unreadable.</summary>
    public virtual string? ReadKernelConfig(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            using Stream content = path.EndsWith(".gz", StringComparison.Ordinal)
                ? new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Decompress)
                : file;
            using var reader = new StreamReader(content);
            return reader.ReadToEnd();
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
        catch (InvalidDataException) { return null; }
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern uint geteuid();
}
