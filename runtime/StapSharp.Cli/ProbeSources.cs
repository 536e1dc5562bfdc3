namespace StapSharp.Cli;

/// <summary>
/// The C# files a PATH names: a .cs file, every .cs file under a folder, or every .cs file under a
/// .csproj's folder (build output in bin/ and obj/ is skipped).
/// </summary>
internal static class ProbeSources
{
    public static IReadOnlyList<(string Path, string Text)> Load(string path)
    {
        var full = Path.GetFullPath(path);
        IEnumerable<string> files;
        if (File.Exists(full) && full.EndsWith(".cs", StringComparison.OrdinalIgnoreCase))
        {
            files = [full];
        }
        else if (File.Exists(full) && full.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
        {
            files = CsFilesUnder(Path.GetDirectoryName(full)!);
        }
        else if (Directory.Exists(full))
        {
            files = CsFilesUnder(full);
        }
        else
        {
            throw new UserError($"{path}: no such .cs file, folder or .csproj");
        }

        var sources = files.Order(StringComparer.Ordinal).Select(f => (Relative(f), File.ReadAllText(f))).ToList();
        if (sources.Count == 0)
        {
            throw new UserError($"{path}: no .cs files found");
        }

        return sources;
    }

    private static IEnumerable<string> CsFilesUnder(string folder)
    {
        var hostPrograms = HostProgramFolders(folder);
        return Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(folder, f).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Where(f => !hostPrograms.Any(host => f.StartsWith(host + Path.DirectorySeparatorChar, StringComparison.Ordinal)));
    }

    /// <summary>
    /// Nested projects that build a program (OutputType Exe) are hosts that run probe scripts, not
    /// probe scripts: a folder of samples holds both, and only the scripts are translated.
    /// </summary>
    private static List<string> HostProgramFolders(string folder) =>
        Directory.EnumerateFiles(folder, "*.csproj", SearchOption.AllDirectories)
            .Where(project => Path.GetDirectoryName(project) != folder &&
                              File.ReadAllText(project).Contains("<OutputType>Exe</OutputType>", StringComparison.OrdinalIgnoreCase))
            .Select(project => Path.GetDirectoryName(project)!)
            .ToList();

    /// <summary>Paths as the user would type them: relative to the current folder when inside it.</summary>
    private static string Relative(string file)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, file);
        return relative.StartsWith("..", StringComparison.Ordinal) ? file : relative;
    }
}

/// <summary>A problem to report to the user as one clear line, without a stack trace.</summary>
internal sealed class UserError(string message) : Exception(message);
