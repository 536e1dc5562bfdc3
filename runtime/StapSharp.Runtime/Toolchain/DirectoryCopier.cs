namespace StapSharp.Runtime.Toolchain;

/// <summary>
/// Copies a directory tree keeping symbolic links as links. A relative link that points outside
/// the tree (Debian's headers: scripts -> ../../lib/linux-kbuild-6.1/scripts) would dangle in
/// the copy, so it is rewritten to the absolute target it had at the source.
/// </summary>
internal static class DirectoryCopier
{
    public static void Copy(string source, string destination)
    {
        var root = Path.GetFullPath(source).TrimEnd('/');
        Directory.CreateDirectory(destination);
        CopyDirectory(root, root, Path.GetFullPath(destination));
    }

    private static void CopyDirectory(string root, string source, string destination)
    {
        foreach (var entry in new DirectoryInfo(source).EnumerateFileSystemInfos())
        {
            var target = Path.Combine(destination, entry.Name);
            if (entry.LinkTarget is { } link)
            {
                File.CreateSymbolicLink(target, RelinkTarget(root, source, link));
            }
            else if (entry is DirectoryInfo)
            {
                Directory.CreateDirectory(target);
                CopyDirectory(root, entry.FullName, target);
            }
            else
            {
                File.Copy(entry.FullName, target);
            }
        }
    }

    /// <summary>The link text to use in the copy for a link in <paramref name="linkDirectory"/>.</summary>
    internal static string RelinkTarget(string root, string linkDirectory, string linkText)
    {
        if (Path.IsPathRooted(linkText))
        {
            return linkText;
        }

        var resolved = Path.GetFullPath(Path.Combine(linkDirectory, linkText));
        var insideTree = resolved == root || resolved.StartsWith(root + "/", StringComparison.Ordinal);
        return insideTree ? linkText : resolved;
    }
}
