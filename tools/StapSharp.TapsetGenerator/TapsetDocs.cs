using System.Text;
using System.Text.RegularExpressions;

namespace StapSharp.TapsetGenerator;

/// <summary>A tapset function's doc comment: its summary, what each argument is, and its description.</summary>
internal sealed record TapsetDoc(string Name, string Summary, IReadOnlyDictionary<string, string> Arguments, string Description);

/// <summary>
/// The doc comments of the tapset files (<c>/** * sfunction name - summary * @arg: text * Description: text */</c>),
/// by function name and argument count. Other runtimes' tapsets (bpf, dyninst) are left out; where several files
/// document one function (one per architecture), the generic and linux tapsets come before the architectures',
/// then the path order decides, so the result does not depend on the file system.
/// </summary>
internal sealed class TapsetDocs
{
    private static readonly Regex Block = new(@"/\*\*(?<body>.*?)\*/", RegexOptions.Singleline);
    private static readonly Regex Heading = new(@"^sfunction\s+(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*-\s*(?<summary>.*)$");
    private static readonly Regex Argument = new(@"^@(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*:\s*(?<text>.*)$");
    private static readonly Regex DescriptionStart = new(@"^Description\s*:\s*(?<text>.*)$");
    private static readonly string[] OtherRuntimes = ["bpf", "dyninst"];

    private readonly Dictionary<(string Name, int Arity), TapsetDoc> _byArity = [];
    private readonly Dictionary<string, TapsetDoc> _byName = new(StringComparer.Ordinal);

    public TapsetDocs(string tapsetFolder)
    {
        var files = Directory.GetFiles(tapsetFolder, "*.stp", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(tapsetFolder, f).Replace('\\', '/'))
            .Where(f => !OtherRuntimes.Contains(f.Split('/')[0]))
            .OrderBy(Rank).ThenBy(f => f, StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (Match block in Block.Matches(File.ReadAllText(Path.Combine(tapsetFolder, file))))
            {
                if (Parse(block.Groups["body"].Value) is { } doc)
                {
                    _byArity.TryAdd((doc.Name, doc.Arguments.Count), doc);
                    _byName.TryAdd(doc.Name, doc);
                }
            }
        }
    }

    /// <summary>The doc of the overload with this many arguments, else of any overload, else null.</summary>
    public TapsetDoc? Find(string name, int arity) =>
        _byArity.TryGetValue((name, arity), out var doc) ? doc : _byName.GetValueOrDefault(name);

    /// <summary>Files of the tapset folder first, then linux/, then architecture folders.</summary>
    private static int Rank(string file) =>
        !file.Contains('/') ? 0 : file.StartsWith("linux/", StringComparison.Ordinal) && file.Count(c => c == '/') == 1 ? 1 : 2;

    private static TapsetDoc? Parse(string body)
    {
        var lines = body.Split('\n').Select(l => Regex.Replace(l, @"^\s*\*?\s?", string.Empty).Trim()).ToList();
        var start = lines.FindIndex(l => l.Length > 0);
        if (start < 0 || Heading.Match(lines[start]) is not { Success: true } heading)
        {
            return null;
        }

        var summary = new StringBuilder(heading.Groups["summary"].Value);
        var arguments = new Dictionary<string, StringBuilder>(StringComparer.Ordinal);
        var description = new StringBuilder();
        var current = summary;
        foreach (var line in lines.Skip(start + 1))
        {
            if (Argument.Match(line) is { Success: true } argument)
            {
                current = arguments[argument.Groups["name"].Value] = new StringBuilder(argument.Groups["text"].Value);
            }
            else if (DescriptionStart.Match(line) is { Success: true } described)
            {
                current = description.Append(described.Groups["text"].Value);
            }
            else if (line.Length == 0)
            {
                // A blank line ends the summary or an argument: what follows is description, a paragraph of its own.
                current = description.Append(description.Length > 0 ? "\n\n" : string.Empty);
            }
            else
            {
                if (current.Length > 0 && !current.ToString().EndsWith('\n'))
                {
                    current.Append(' ');
                }

                current.Append(line);
            }
        }

        return new TapsetDoc(
            heading.Groups["name"].Value,
            Text(summary),
            arguments.ToDictionary(a => a.Key, a => Text(a.Value), StringComparer.Ordinal),
            Text(description));
    }

    /// <summary>One line per paragraph, runs of white space as one space.</summary>
    private static string Text(StringBuilder text) =>
        string.Join("\n\n", text.ToString().Split("\n\n").Select(p => Regex.Replace(p, @"\s+", " ").Trim()).Where(p => p.Length > 0));
}
