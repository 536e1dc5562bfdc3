using System.Text;
using System.Text.RegularExpressions;
using StapSharp.Cli.Files;

namespace StapSharp.Cli.Projects;

/// <summary>
/// The C# files a project compiles, as the SDK picks them: every .cs file under its folder (without bin/, obj/ and the
/// folders of nested programs, as for a folder), unless <c>EnableDefaultCompileItems</c> is false; then its
/// <c>&lt;Compile Remove="…" /&gt;</c> and <c>&lt;Compile Include="…" /&gt;</c> items in order, as file names or
/// globs (<c>*</c>, <c>?</c>, <c>**</c>) relative to the project's folder.
/// </summary>
internal static class ProjectSources
{
    public static IReadOnlyList<(string Path, string Text)> Load(ProjectFile project, SourceFileReader reader)
    {
        var files = new List<string>();
        if (!project.IsFalse("EnableDefaultCompileItems"))
        {
            files.AddRange(ProbeSources.CsFilesUnder(project.Folder, reader));
        }

        foreach (var item in project.ItemsOf("Compile"))
        {
            if (item.Remove is { } remove)
            {
                var patterns = Patterns(project, remove).Select(p => Glob(project.Folder, p)).ToList();
                files.RemoveAll(file => patterns.Any(p => p.IsMatch(file)));
            }

            if (item.Include is { } include)
            {
                foreach (var pattern in Patterns(project, include))
                {
                    files.AddRange(Matching(project.Folder, pattern, reader).Where(f => !files.Contains(f, StringComparer.Ordinal)));
                }
            }
        }

        return ProbeSources.Read(files, reader, ShownPath.Of(project.Path));
    }

    /// <summary>The ;-separated patterns of an item, with / for \; those naming $(…), @(…) or %(…) are left out with a notice.</summary>
    private static IEnumerable<string> Patterns(ProjectFile project, string value)
    {
        foreach (var part in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part.Contains("$(", StringComparison.Ordinal) || part.Contains("@(", StringComparison.Ordinal) || part.Contains("%(", StringComparison.Ordinal))
            {
                Status.Notice($"{ShownPath.Of(project.Path)}: Compile item '{part}' names an MSBuild property or item, which build does not evaluate: left out");
                continue;
            }

            yield return part.Replace('\\', '/');
        }
    }

    private static IEnumerable<string> Matching(string folder, string pattern, SourceFileReader reader)
    {
        var wildcard = pattern.IndexOfAny(['*', '?']);
        if (wildcard < 0)
        {
            return [Path.GetFullPath(Path.Combine(folder, pattern))];
        }

        // Enumerate below the pattern's fixed folders only, then match the whole path.
        var fixedPart = pattern[..(pattern.LastIndexOf('/', wildcard) + 1)];
        var root = Path.GetFullPath(Path.Combine(folder, fixedPart.Length == 0 ? "." : fixedPart));
        if (!Directory.Exists(root))
        {
            return [];
        }

        var glob = Glob(folder, pattern);
        return ProbeSources.CsFilesUnder(root, reader).Where(f => glob.IsMatch(f));
    }

    /// <summary>A pattern relative to <paramref name="folder"/> as a regular expression over full paths: ** any folders, * and ? within a name.</summary>
    private static Regex Glob(string folder, string pattern)
    {
        var full = Path.GetFullPath(Path.Combine(folder, pattern.Replace("**", "\u0001", StringComparison.Ordinal)));
        var regex = new StringBuilder("^");
        for (var i = 0; i < full.Length; i++)
        {
            var c = full[i];
            if (c == '\u0001')
            {
                // **/ matches no folder or any number of them.
                if (i + 1 < full.Length && full[i + 1] == '/')
                {
                    regex.Append("(?:.*/)?");
                    i++;
                }
                else
                {
                    regex.Append(".*");
                }
            }
            else
            {
                regex.Append(c switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    _ => Regex.Escape(c.ToString()),
                });
            }
        }

        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
