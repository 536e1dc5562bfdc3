using System.Text.RegularExpressions;
using StapSharp.Runtime.Processes;

namespace StapSharp.Runtime.Toolchain;

/// <summary>What a script needs of its kernel's debuginfo: the kernel's own (vmlinux), and some modules' (names or patterns).</summary>
/// <param name="Kernel">Some probe resolves through the kernel's DWARF (kernel.function, kernel.statement, a cast to a kernel type).</param>
/// <param name="Modules">Modules whose DWARF some probe resolves through (module("virtio_blk").function), as written; patterns allowed.</param>
public sealed record DebuginfoRequirement(bool Kernel, IReadOnlyList<string> Modules)
{
    /// <summary>A script that needs no kernel debuginfo.</summary>
    public static DebuginfoRequirement None { get; } = new(false, []);

    /// <summary>True when nothing is needed.</summary>
    public bool IsEmpty => !Kernel && Modules.Count == 0;
}

/// <summary>What is missing of a <see cref="DebuginfoRequirement"/>.</summary>
/// <param name="Kernel">The kernel's own debuginfo is needed and not installed.</param>
/// <param name="Modules">Needed modules with no debuginfo (all of them when the package is not installed).</param>
/// <param name="Debuginfo">Where it was looked for, and the package that provides it.</param>
public sealed record DebuginfoShortfall(bool Kernel, IReadOnlyList<string> Modules, KernelDebuginfo Debuginfo)
{
    /// <summary>One line for a user: what is missing and how to install it.</summary>
    public override string ToString()
    {
        var what = Kernel ? $"the debuginfo of kernel {Debuginfo.Release}" : $"debuginfo for the module(s) {string.Join(", ", Modules)}";
        return Debuginfo.IsInstalled
            ? $"{what} is not in {Debuginfo.ModulesDirectory}: kernel {Debuginfo.Release} has no such module"
            : $"{what} is not installed: {Debuginfo.InstallAdvice()}";
    }
}

/// <summary>
/// The DWARF debuginfo of one kernel release, as Debian's <c>linux-image-RELEASE-dbg</c> installs it:
/// <c>/usr/lib/debug/boot/vmlinux-RELEASE</c> and the modules under <c>/usr/lib/debug/lib/modules/RELEASE</c>.
/// Looked for where stap looks: the absolute directories of <c>SYSTEMTAP_DEBUGINFO_PATH</c>, else <c>/usr/lib/debug</c>.
/// </summary>
public sealed class KernelDebuginfo
{
    /// <summary>stap's variable for its debuginfo search path (colon-separated).</summary>
    public const string SearchPathVariable = "SYSTEMTAP_DEBUGINFO_PATH";

    /// <summary>Where Debian installs debuginfo, and stap looks by default.</summary>
    public const string DefaultRoot = "/usr/lib/debug";

    /// <summary>The command line that installs the package of the toolchain's release (an explicit opt-in).</summary>
    public const string InstallCommand = "stapsharp doctor --install-debuginfo";

    private readonly Lazy<IReadOnlySet<string>> _moduleNames;
    private readonly Lazy<PackageSizes?> _sizes;

    private KernelDebuginfo(string release, IReadOnlyList<string> roots, Func<string, PackageSizes?> querySizes)
    {
        Release = release;
        Roots = roots;
        VmlinuxPath = roots.Select(root => Path.Combine(root, "boot", "vmlinux-" + release)).FirstOrDefault(File.Exists);
        ModulesDirectory = roots.Select(root => Path.Combine(root, "lib", "modules", release)).FirstOrDefault(Directory.Exists);
        _moduleNames = new(() => ModuleNames(ModulesDirectory));
        _sizes = new(() => querySizes(PackageName));
    }

    /// <summary>The kernel release, e.g. "6.1.0-57-amd64".</summary>
    public string Release { get; }

    /// <summary>The directories searched, in order.</summary>
    public IReadOnlyList<string> Roots { get; }

    /// <summary>The kernel's image with its DWARF; null when not installed.</summary>
    public string? VmlinuxPath { get; }

    /// <summary>The directory of the modules' debuginfo (ROOT/lib/modules/RELEASE); null when not installed.</summary>
    public string? ModulesDirectory { get; }

    /// <summary>True when the kernel's debuginfo is installed.</summary>
    public bool IsInstalled => VmlinuxPath is not null;

    /// <summary>The Debian package with this release's debuginfo.</summary>
    public string PackageName => $"linux-image-{Release}-dbg";

    /// <summary>Where the package installs the kernel's image (the first search directory), found or not.</summary>
    public string ExpectedVmlinuxPath => VmlinuxPath ?? Path.Combine(Roots[0], "boot", "vmlinux-" + Release);

    /// <summary>Where the package installs the modules (the first search directory), found or not.</summary>
    public string ExpectedModulesDirectory => ModulesDirectory ?? Path.Combine(Roots[0], "lib", "modules", Release);

    /// <summary>The plain apt-get line that installs it.</summary>
    public string AptCommand => "apt-get install --no-install-recommends " + PackageName;

    /// <summary>The package's download and installed size, from the package index (null when apt knows nothing of it).</summary>
    public PackageSizes? Sizes => _sizes.Value;

    /// <summary>Looks for <paramref name="release"/>'s debuginfo where stap would.</summary>
    public static KernelDebuginfo Locate(string release) =>
        Locate(release, Environment.GetEnvironmentVariable(SearchPathVariable), AptPackageSizes.Query);

    internal static KernelDebuginfo Locate(string release, string? searchPath, Func<string, PackageSizes?> querySizes) =>
        new(release, SearchRoots(searchPath), querySizes);

    /// <summary>The absolute directories of a stap debuginfo path; <see cref="DefaultRoot"/> when it has none.</summary>
    internal static IReadOnlyList<string> SearchRoots(string? searchPath)
    {
        var roots = (searchPath ?? string.Empty).Split(':')
            .Select(entry => entry.TrimStart('+', '-'))
            .Where(entry => entry.StartsWith('/'))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return roots.Count > 0 ? roots : [DefaultRoot];
    }

    /// <summary>True when some module whose debuginfo is installed matches <paramref name="pattern"/> (stap's module name, * and ? allowed; - and _ alike).</summary>
    public bool HasModule(string pattern)
    {
        var match = new Regex("^" + Regex.Escape(NormalizeModuleName(pattern)).Replace(@"\*", ".*").Replace(@"\?", ".") + "$",
            RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return _moduleNames.Value.Any(match.IsMatch);
    }

    /// <summary>What of <paramref name="requirement"/> is missing; null when everything is installed.</summary>
    public DebuginfoShortfall? Check(DebuginfoRequirement requirement)
    {
        var kernel = requirement.Kernel && !IsInstalled;
        var modules = requirement.Modules.Where(module => !HasModule(module)).Distinct(StringComparer.Ordinal).ToList();
        return kernel || modules.Count > 0 ? new DebuginfoShortfall(kernel, modules, this) : null;
    }

    /// <summary>How to install the package, with its sizes when known: the explicit opt-in command and the apt-get line.</summary>
    public string InstallAdvice()
    {
        var sizes = Sizes is { } known ? $" ({known})" : string.Empty;
        return $"install {PackageName}{sizes} with `{InstallCommand}` or `{AptCommand}`";
    }

    private static string NormalizeModuleName(string name) => name.Replace('-', '_');

    private static IReadOnlySet<string> ModuleNames(string? directory)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (directory is null)
        {
            return names;
        }

        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 };
        foreach (var file in Directory.EnumerateFiles(directory, "*.ko*", options))
        {
            var name = Path.GetFileName(file);
            var cut = name.IndexOf(".ko", StringComparison.Ordinal);
            if (cut > 0)
            {
                names.Add(NormalizeModuleName(name[..cut]));
            }
        }
        return names;
    }
}

/// <summary>A package's download size and the space it takes once installed.</summary>
public sealed record PackageSizes(long DownloadBytes, long InstalledBytes)
{
    /// <summary>"859 MB download, 5.8 GB installed".</summary>
    public override string ToString() => $"{Format(DownloadBytes)} download, {Format(InstalledBytes)} installed";

    private static string Format(long bytes) => bytes >= 1_000_000_000
        ? (bytes / 1e9).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " GB"
        : (bytes / 1e6).ToString("0", System.Globalization.CultureInfo.InvariantCulture) + " MB";
}

/// <summary>Reads a package's sizes from apt's index (<c>apt-cache show</c>): nothing is downloaded.</summary>
internal static class AptPackageSizes
{
    public static PackageSizes? Query(string package)
    {
        var aptCache = ExecutableLocator.FindOnPath("apt-cache");
        if (aptCache is null)
        {
            return null;
        }

        try
        {
            var outcome = ProcessRunner.RunAsync(aptCache, ["show", "--no-all-versions", package], timeout: TimeSpan.FromSeconds(30))
                .GetAwaiter().GetResult();
            return outcome.ExitCode == 0 ? Parse(outcome.Stdout) : null;
        }
        catch (ToolchainException)
        {
            return null;
        }
    }

    /// <summary>The first record's <c>Size:</c> (bytes) and <c>Installed-Size:</c> (KiB).</summary>
    internal static PackageSizes? Parse(string record)
    {
        long? download = null, installedKib = null;
        foreach (var line in record.Split('\n'))
        {
            if (line.Length == 0 && (download is not null || installedKib is not null))
            {
                break;
            }

            if (line.StartsWith("Size: ", StringComparison.Ordinal) && long.TryParse(line[6..].Trim(), out var size))
            {
                download ??= size;
            }
            else if (line.StartsWith("Installed-Size: ", StringComparison.Ordinal) && long.TryParse(line[16..].Trim(), out var kib))
            {
                installedKib ??= kib;
            }
        }
        return download is { } d && installedKib is { } i ? new PackageSizes(d, i * 1024) : null;
    }
}
