using StapSharp.Runtime.Toolchain;

namespace StapSharp.Completion.Catalogue;

/// <summary>
/// The catalogue the editor completes from: that of the running kernel's release when <c>stapsharp list</c> wrote
/// one, else the one written last (modules are often built for the distribution kernel a VM boots, not the running
/// one). Files are read again only when they change.
/// </summary>
internal static class CatalogueSource
{
    private const string RunningReleaseFile = "/proc/sys/kernel/osrelease";

    private static readonly object Gate = new();
    private static (string Path, DateTime Written, long Length, ProbeCatalogue? Catalogue)? _last;

    /// <summary>What to offer: the chosen catalogue; <see cref="ProbeCatalogue"/> of the built-in points when there is none; null when the chosen file is not a valid catalogue.</summary>
    public static ProbeCatalogue? Current()
    {
        if (Choose(CacheFolder.Root()) is not { } path)
        {
            return KnownProbePoints.Catalogue;
        }

        FileInfo file;
        try
        {
            file = new FileInfo(path);
            file.Refresh();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }

        lock (Gate)
        {
            if (_last is { } last && last.Path == path && last.Written == file.LastWriteTimeUtc && last.Length == file.Length)
            {
                return last.Catalogue;
            }
        }

        var catalogue = ProbeCatalogue.TryRead(path);
        lock (Gate)
        {
            _last = (path, file.LastWriteTimeUtc, file.Length, catalogue);
        }

        return catalogue;
    }

    /// <summary>The catalogue file to use, or null when there is none.</summary>
    public static string? Choose(string cacheRoot)
    {
        try
        {
            if (RunningRelease() is { } running && File.Exists(ProbeCatalogue.PathFor(cacheRoot, running)))
            {
                return ProbeCatalogue.PathFor(cacheRoot, running);
            }

            var folder = new DirectoryInfo(Path.Combine(cacheRoot, ProbeCatalogue.FolderName));
            return !folder.Exists
                ? null
                : folder.EnumerateFiles("*" + ProbeCatalogue.Extension)
                    .Where(f => ProbeCatalogue.IsRelease(Path.GetFileNameWithoutExtension(f.Name)))
                    .OrderByDescending(f => f.LastWriteTimeUtc)
                    .ThenBy(f => f.Name, StringComparer.Ordinal)
                    .FirstOrDefault()?.FullName;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            return null;
        }
    }

    private static string? RunningRelease()
    {
        if (!File.Exists(RunningReleaseFile))
        {
            return null;
        }

        var release = File.ReadAllText(RunningReleaseFile).Trim();
        return ProbeCatalogue.IsRelease(release) ? release : null;
    }
}
