using System.IO.Enumeration;
using StapSharp.Cli.Files;

namespace StapSharp.Cli;

/// <summary>
/// The C# files a PATH names: a .cs file, or every .cs file under a folder (build output in bin/ and obj/
/// is skipped); a .csproj's are <see cref="Projects.ProjectSources"/>'. Links to folders inside it are not
/// followed (as find and git do), so a link to a parent cannot make a loop; links to files are, and
/// each file is read once. See <see cref="SourceFileReader"/> for what is read and how much.
/// </summary>
internal static class ProbeSources
{
    public static IReadOnlyList<(string Path, string Text)> Load(string path, SourceFileReader reader)
    {
        if (path.Length == 0)
        {
            throw new UserError("the path is empty: name a .cs file, a folder or a .csproj");
        }

        if (PlainScripts.PlainScript.IsNamedBy(path))
        {
            // `check` and `run` take a .stp as it is; only `build`, which makes .stp files, reaches here with one.
            throw new UsageError($"{path} is a SystemTap script already, and build translates C# probe classes to such scripts: " +
                                 $"check it with `{ToolName.Value} check {path}` or run it with `{ToolName.Value} run {path}`");
        }

        var full = Path.GetFullPath(path);
        IEnumerable<string> files;
        try
        {
            var kind = UnixFile.Status(full).Kind;
            if (kind == FileKind.Folder)
            {
                files = CsFilesUnder(full, reader);
            }
            else if (full.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) && kind != FileKind.Missing)
            {
                files = [full]; // the reader says why when it is not a regular file
            }
            else if (kind == FileKind.Missing)
            {
                throw new UserError($"{path}: no such .cs file, folder or .csproj");
            }
            else
            {
                throw new UserError($"{path}: {UnixFile.Describe(kind)}, not a .cs file, a folder or a .csproj");
            }
        }
        catch (Exception error) when (FileErrors.IsFileError(error))
        {
            throw new UserError($"{path}: cannot read: {FileErrors.Reason(error)}");
        }

        return Read(files, reader, path);
    }

    /// <summary>The files' texts, in ordinal order of their paths, each named as <see cref="ShownPath"/> shows it.</summary>
    /// <param name="named">The path the user gave, for the error when there is nothing to read.</param>
    public static IReadOnlyList<(string Path, string Text)> Read(IEnumerable<string> files, SourceFileReader reader, string named)
    {
        var sources = new List<(string Path, string Text)>();
        foreach (var file in files.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var shown = ShownPath.Of(file);
            if (reader.Read(file, shown) is { } text)
            {
                sources.Add((shown, text));
            }
        }

        if (sources.Count == 0)
        {
            throw new UserError($"{named}: no .cs files found");
        }

        return sources;
    }

    /// <summary>The .cs files under <paramref name="root"/>, without bin/, obj/ and the folders of nested programs.</summary>
    public static List<string> CsFilesUnder(string root, SourceFileReader reader)
    {
        var sources = new List<string>();
        var projects = new List<string>();
        var folders = new Stack<string>([root]);
        while (folders.TryPop(out var folder))
        {
            foreach (var entry in Entries(folder))
            {
                if (entry.IsFolder)
                {
                    // Not followed: a link to a folder (its parent, say) could lead round in a loop.
                    if (!entry.IsLink && entry.Name is not ("bin" or "obj"))
                    {
                        folders.Push(entry.Path);
                    }
                }
                else if (entry.IsLink && LinksToNothing(entry.Path))
                {
                    // A link to nothing names no source (an editor's lock file is one).
                }
                else if (entry.Name.EndsWith(".cs", StringComparison.Ordinal))
                {
                    sources.Add(entry.Path);
                }
                else if (entry.Name.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase) && folder != root)
                {
                    projects.Add(entry.Path);
                }
            }
        }

        var hosts = HostProgramFolders(projects, reader);
        return sources.Where(f => !hosts.Any(host => f.StartsWith(host + Path.DirectorySeparatorChar, StringComparison.Ordinal))).ToList();
    }

    private static bool LinksToNothing(string link)
    {
        try
        {
            return UnixFile.Status(link).Kind == FileKind.Missing;
        }
        catch (IOException error)
        {
            throw new UserError($"{ShownPath.Of(link)}: cannot read: {FileErrors.Reason(error)}");
        }
    }

    private readonly record struct Entry(string Path, string Name, bool IsFolder, bool IsLink);

    /// <summary>A folder's entries, read at once so an unreadable folder is reported by its name.</summary>
    private static List<Entry> Entries(string folder)
    {
        try
        {
            return new FileSystemEnumerable<Entry>(folder,
                (ref FileSystemEntry e) => new Entry(e.ToFullPath(), e.FileName.ToString(), e.IsDirectory, e.Attributes.HasFlag(FileAttributes.ReparsePoint)),
                new EnumerationOptions { RecurseSubdirectories = false, IgnoreInaccessible = false, AttributesToSkip = 0 }).ToList();
        }
        catch (Exception error) when (FileErrors.IsFileError(error))
        {
            throw new UserError($"{ShownPath.Of(folder)}: cannot read the folder: {FileErrors.Reason(error)}");
        }
    }

    /// <summary>
    /// Nested projects that build a program (OutputType Exe) are hosts that run probe scripts, not
    /// probe scripts: a folder of samples holds both, and only the scripts are translated.
    /// </summary>
    private static List<string> HostProgramFolders(IEnumerable<string> projects, SourceFileReader reader) =>
        projects.Order(StringComparer.Ordinal)
            .Where(project => reader.Read(project, ShownPath.Of(project)) is { } text &&
                              text.Contains("<OutputType>Exe</OutputType>", StringComparison.OrdinalIgnoreCase))
            .Select(project => Path.GetDirectoryName(project)!)
            .ToList();
}

/// <summary>A problem to report to the user as one clear line, without a stack trace.</summary>
internal sealed class UserError(string message) : Exception(message);

/// <summary>A command line that cannot work with the script it names (found once the script is compiled): a usage error.</summary>
internal sealed class UsageError(string message) : Exception(message);
