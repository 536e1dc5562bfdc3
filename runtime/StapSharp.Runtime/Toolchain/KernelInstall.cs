using System.Text.RegularExpressions;

namespace StapSharp.Runtime.Toolchain;

/// <summary>One installed distribution kernel that modules can be built for and booted.</summary>
/// <param name="Release">The kernel release string, e.g. "6.1.0-56-amd64".</param>
/// <param name="HeadersDir">/lib/modules/RELEASE/build, resolved (null when the headers are missing).</param>
/// <param name="SourceDir">/lib/modules/RELEASE/source, resolved (tracepoint headers live there on Debian).</param>
/// <param name="KernelImage">/boot/vmlinuz-RELEASE (null when the image is missing).</param>
public sealed record KernelInstall(string Release, string? HeadersDir, string? SourceDir, string? KernelImage)
{
    /// <summary>/lib/modules/RELEASE when it holds the release's module list (modules.dep), else null.</summary>
    public string? ModulesDir { get; init; }

    /// <summary>True when both headers (to build) and an image (to boot) are present.</summary>
    public bool IsComplete => HeadersDir is not null && KernelImage is not null;
}

/// <summary>Discovers installed kernels from /lib/modules/*/build and /boot/vmlinuz-*.</summary>
internal static partial class KernelReleaseLocator
{
    /// <summary>All releases with headers or an image, best candidate first.</summary>
    public static IReadOnlyList<KernelInstall> FindInstalled(string modulesRoot = "/lib/modules", string bootDir = "/boot")
    {
        var releases = new SortedSet<string>(StringComparer.Ordinal);
        if (Directory.Exists(modulesRoot))
        {
            foreach (var dir in Directory.EnumerateDirectories(modulesRoot))
            {
                if (Directory.Exists(Path.Combine(dir, "build")))
                {
                    releases.Add(Path.GetFileName(dir));
                }
            }
        }

        if (Directory.Exists(bootDir))
        {
            foreach (var image in Directory.EnumerateFiles(bootDir, "vmlinuz-*"))
            {
                releases.Add(Path.GetFileName(image)["vmlinuz-".Length..]);
            }
        }

        return releases
            .Select(release => Describe(release, modulesRoot, bootDir))
            .OrderByDescending(k => k.IsComplete)
            .ThenByDescending(k => VersionOf(k.Release), KernelReleaseComparer.Instance)
            .ThenBy(k => FlavourOf(k.Release).Split('-').Length)
            .ThenBy(k => k.Release, StringComparer.Ordinal)
            .ToList();
    }

    // "6.1.0-57-cloud-amd64": version "6.1.0-57", flavour "cloud-amd64". Of one version, a flavour that adds a word
    // (cloud-amd64, rt-amd64) is a variant build of the plain one (amd64, what linux-image-amd64 installs), which comes
    // first: a variant may lack drivers the VM needs (cloud-amd64 has no 9p).
    [GeneratedRegex(@"\A\d+(\.\d+)*(-\d+)?")]
    private static partial Regex Version();

    private static string VersionOf(string release) => Version().Match(release).Value;

    private static string FlavourOf(string release) => release[VersionOf(release).Length..].TrimStart('-');

    public static KernelInstall Describe(string release, string modulesRoot = "/lib/modules", string bootDir = "/boot")
    {
        var build = ResolveDirectory(Path.Combine(modulesRoot, release, "build"));
        var source = ResolveDirectory(Path.Combine(modulesRoot, release, "source"));
        var image = Path.Combine(bootDir, "vmlinuz-" + release);
        var modules = Path.Combine(modulesRoot, release);
        return new KernelInstall(release, build, source, File.Exists(image) ? image : null)
        {
            ModulesDir = File.Exists(Path.Combine(modules, "modules.dep")) ? modules : null,
        };
    }

    private static string? ResolveDirectory(string path)
    {
        if (!Directory.Exists(path))
        {
            return null;
        }

        var info = new DirectoryInfo(path);
        var target = info.LinkTarget is null ? info : info.ResolveLinkTarget(returnFinalTarget: true);
        return target?.FullName ?? path;
    }
}

/// <summary>Orders "6.1.0-56-amd64" after "6.1.0-9-amd64": numeric runs compare as numbers.</summary>
internal sealed class KernelReleaseComparer : IComparer<string>
{
    public static readonly KernelReleaseComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return string.CompareOrdinal(x, y);
        }

        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            if (char.IsAsciiDigit(x[i]) && char.IsAsciiDigit(y[j]))
            {
                int si = i, sj = j;
                while (i < x.Length && char.IsAsciiDigit(x[i]))
                {
                    i++;
                }

                while (j < y.Length && char.IsAsciiDigit(y[j]))
                {
                    j++;
                }

                var a = x[si..i].TrimStart('0');
                var b = y[sj..j].TrimStart('0');
                var byNumber = a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a, b);
                if (byNumber != 0)
                {
                    return byNumber;
                }
            }
            else
            {
                if (x[i] != y[j])
                {
                    return x[i].CompareTo(y[j]);
                }

                i++; j++;
            }
        }
        return (x.Length - i).CompareTo(y.Length - j);
    }
}
