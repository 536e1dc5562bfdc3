using System.Text.RegularExpressions;
using System.Xml.Linq;
using StapSharp.Analyzers.Tests.Support;
using StapSharp.Generators;
using StapSharp.Tests.Shared;

namespace StapSharp.Analyzers.Tests.Catalogue;

/// <summary>
/// Every diagnostic's help link leads to its row of the catalogue: RepositoryUrl/blob/main/CATALOGUE#stapNNNN,
/// where the id's row starts with <c>&lt;a id="stapNNNN"&gt;&lt;/a&gt;</c>. The anchor is the id in lower case, so
/// a new row needs only its anchor: STAPSHARP_ACCEPT=1 writes the missing ones into the catalogue.
/// </summary>
public class HelpLinkTests
{
    private const string Catalogue = "compiler/StapSharp.Compiler/Diagnostics/README.md";

    private static readonly Regex Row = new(@"^\|\s*(?:<a id=""(?<anchor>[^""]*)""></a>)?(?<id>STAP\d{4})\s*\|", RegexOptions.Multiline);

    [Fact]
    public void Every_descriptor_links_to_the_anchor_of_its_id_in_the_catalogue()
    {
        var repositoryUrl = XDocument.Load(Repository.PathOf("Directory.Build.props")).Descendants("RepositoryUrl").Single().Value;

        Assert.All(StapDescriptors.All, descriptor =>
            Assert.Equal($"{repositoryUrl}/blob/main/{Catalogue}#{descriptor.Id.ToLowerInvariant()}", descriptor.HelpLinkUri));
    }

    [Fact]
    public void Every_link_leads_to_an_anchor_on_its_ids_row()
    {
        var rows = Rows(File.ReadAllText(Repository.PathOf(Catalogue))).ToList();

        Assert.All(StapDescriptors.All, descriptor =>
        {
            var link = new Uri(descriptor.HelpLinkUri);
            var file = link.AbsolutePath[(link.AbsolutePath.IndexOf("/blob/main/", StringComparison.Ordinal) + "/blob/main/".Length)..];
            Assert.Equal(Catalogue, file);
            var anchor = link.Fragment.TrimStart('#');
            Assert.True(rows.Contains((descriptor.Id, anchor)),
                $"{descriptor.Id}: its row of {Catalogue} does not start with <a id=\"{anchor}\"></a> (STAPSHARP_ACCEPT=1 adds it)");
        });
    }

    [Fact]
    public void Every_row_of_the_catalogue_starts_with_the_anchor_of_its_id()
    {
        var path = Repository.PathOf(Catalogue);
        var text = File.ReadAllText(path);
        var wrong = Rows(text).Where(r => r.Anchor != StapDescriptors.AnchorOf(r.Id)).Select(r => r.Id).ToList();
        if (wrong.Count > 0 && Environment.GetEnvironmentVariable("STAPSHARP_ACCEPT") == "1")
        {
            File.WriteAllText(path, WithAnchors(text));
            return;
        }

        Assert.True(wrong.Count == 0, $"rows without the anchor of their id: {string.Join(", ", wrong)}; STAPSHARP_ACCEPT=1 writes them");
    }

    [Fact]
    public void Anchors_are_written_in_front_of_each_id_and_replace_a_wrong_one()
    {
        const string table = "| id | meaning |\n|---|---|\n| STAP0001 | a |\n| <a id=\"stap0001\"></a>STAP0002 | b |\n| <a id=\"stap0003\"></a>STAP0003 | c |\n";

        Assert.Equal(
            "| id | meaning |\n|---|---|\n| <a id=\"stap0001\"></a>STAP0001 | a |\n| <a id=\"stap0002\"></a>STAP0002 | b |\n| <a id=\"stap0003\"></a>STAP0003 | c |\n",
            WithAnchors(table));
    }

    private static IEnumerable<(string Id, string? Anchor)> Rows(string markdown) =>
        Row.Matches(markdown).Select(m => (m.Groups["id"].Value, m.Groups["anchor"].Success ? m.Groups["anchor"].Value : null));

    private static string WithAnchors(string markdown) =>
        Row.Replace(markdown, m => $"| <a id=\"{StapDescriptors.AnchorOf(m.Groups["id"].Value)}\"></a>{m.Groups["id"].Value} |");
}
