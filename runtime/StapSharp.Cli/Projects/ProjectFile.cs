using System.Xml;
using System.Xml.Linq;
using StapSharp.Cli.Files;

namespace StapSharp.Cli.Projects;

/// <summary>An item of a project: <c>&lt;Compile Include="…" /&gt;</c>, <c>&lt;Using Include="…" Static="true" /&gt;</c> and the like, as written.</summary>
internal sealed record ProjectItem(string Kind, string? Include, string? Remove, IReadOnlyDictionary<string, string> Metadata)
{
    public string? this[string name] => Metadata.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// What <c>stapsharp build X.csproj</c> reads of a project: its properties and items as written, in the project and
/// in the Directory.Build.props files MSBuild would import before it. Nothing is evaluated: a property or item
/// with a <c>Condition</c> (or inside a group with one) is left out, and <c>$(…)</c> is not expanded. Read as plain
/// XML, never with a DTD or an external entity, so a hostile file is one clear error.
/// </summary>
internal sealed record ProjectFile(string Path, IReadOnlyDictionary<string, string> Properties, IReadOnlyList<ProjectItem> Items)
{
    public string Folder => System.IO.Path.GetDirectoryName(Path)!;

    public string? Property(string name) => Properties.TryGetValue(name, out var value) ? value.Trim() : null;

    public bool IsTrue(string name) => string.Equals(Property(name), "true", StringComparison.OrdinalIgnoreCase);

    public bool IsFalse(string name) => string.Equals(Property(name), "false", StringComparison.OrdinalIgnoreCase);

    public IEnumerable<ProjectItem> ItemsOf(string kind) => Items.Where(i => string.Equals(i.Kind, kind, StringComparison.OrdinalIgnoreCase));

    public static bool IsNamedBy(string path) => path.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase);

    /// <summary>The project at <paramref name="path"/> (a regular file) with the Directory.Build.props it imports.</summary>
    /// <exception cref="UserError">A file cannot be read or is not a project's XML.</exception>
    public static ProjectFile Load(string path, SourceFileReader reader)
    {
        var full = System.IO.Path.GetFullPath(path);
        var properties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var items = new List<ProjectItem>();

        // Outermost first, so a nearer file's property wins, and the project's own last of all.
        foreach (var props in Enumerable.Reverse(ImportedProps(System.IO.Path.GetDirectoryName(full)!, reader)))
        {
            Read(props, properties, items);
        }

        Read(Parse(full, reader) ?? throw new UserError($"{ShownPath.Of(full)}: cannot read: it was read already"), properties, items);
        return new ProjectFile(full, properties, items);
    }

    /// <summary>
    /// The Directory.Build.props MSBuild imports: the nearest one above the project, and the one above it again
    /// while each imports its parent (the usual <c>GetPathOfFileAbove('Directory.Build.props', …)</c>), nearest first.
    /// </summary>
    private static List<XDocument> ImportedProps(string folder, SourceFileReader reader)
    {
        var found = new List<XDocument>();
        for (var current = folder; NearestProps(current) is { } props; current = System.IO.Path.GetDirectoryName(System.IO.Path.GetDirectoryName(props)!))
        {
            if (Parse(props, reader) is not { } document)
            {
                break;
            }

            found.Add(document);
            var importsParent = document.Root!.Elements().Any(e => e.Name.LocalName == "Import" &&
                ((string?)e.Attribute("Project"))?.Contains("Directory.Build.props", StringComparison.OrdinalIgnoreCase) == true);
            if (!importsParent || System.IO.Path.GetDirectoryName(System.IO.Path.GetDirectoryName(props)!) is null)
            {
                break;
            }
        }

        return found;
    }

    private static string? NearestProps(string? folder)
    {
        for (; folder is not null; folder = System.IO.Path.GetDirectoryName(folder))
        {
            var candidate = System.IO.Path.Combine(folder, "Directory.Build.props");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The file as XML, or null when it was read already under another name.</summary>
    private static XDocument? Parse(string path, SourceFileReader reader)
    {
        var shown = ShownPath.Of(path);
        if (reader.Read(path, shown) is not { } text)
        {
            return null;
        }

        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 0,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        try
        {
            using var xml = XmlReader.Create(new StringReader(text), settings);
            var document = XDocument.Load(xml);
            if (document.Root is not { Name.LocalName: "Project" })
            {
                throw new UserError($"{shown}: not an MSBuild project: its root element is <{document.Root?.Name.LocalName}>, not <Project>");
            }

            return document;
        }
        catch (XmlException error) when (text.Contains("<!DOCTYPE", StringComparison.Ordinal) && error.Message.Contains("DTD", StringComparison.Ordinal))
        {
            throw new UserError($"{shown}: has a DTD (<!DOCTYPE …>), which no project needs and build does not read: it may define entities that expand without end or read other files");
        }
        catch (XmlException error)
        {
            // XmlException's message says what and where (an unclosed tag, a stray character) in one line.
            throw new UserError($"{shown}: not a project's XML: {error.Message}");
        }
    }

    private static void Read(XDocument document, Dictionary<string, string> properties, List<ProjectItem> items)
    {
        foreach (var group in document.Root!.Elements().Where(Unconditional))
        {
            if (group.Name.LocalName == "PropertyGroup")
            {
                foreach (var property in group.Elements().Where(Unconditional))
                {
                    properties[property.Name.LocalName] = property.Value;
                }
            }
            else if (group.Name.LocalName == "ItemGroup")
            {
                items.AddRange(group.Elements().Where(Unconditional).Select(ItemOf));
            }
        }
    }

    private static ProjectItem ItemOf(XElement element)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var attribute in element.Attributes().Where(a => a.Name.LocalName is not ("Include" or "Remove" or "Update")))
        {
            metadata[attribute.Name.LocalName] = attribute.Value;
        }

        foreach (var child in element.Elements())
        {
            metadata[child.Name.LocalName] = child.Value;
        }

        return new ProjectItem(element.Name.LocalName, (string?)element.Attribute("Include"), (string?)element.Attribute("Remove"), metadata);
    }

    private static bool Unconditional(XElement element) => element.Attribute("Condition") is null;
}
