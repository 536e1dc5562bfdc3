using System.Text.RegularExpressions;
using StapSharp.Analyzers.Tests.Support;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Generators;
using StapSharp.Tests.Shared;

namespace StapSharp.Analyzers.Tests.Catalogue;

/// <summary>
/// DiagnosticCatalog.cs, its README table and the analyzer release files must list the same ids;
/// the release files with the category and severity the analyzers report them with.
/// </summary>
public class DiagnosticCatalogueTests
{
    private static readonly Regex ReleaseRow = new(@"^(STAP\d{4})\s*\|\s*([^|]+?)\s*\|\s*([^|]+?)\s*\|", RegexOptions.Multiline);
    // A row starts with the id, after its anchor (HelpLinkTests).
    private static readonly Regex ReadmeRow = new(@"^\|\s*(?:<a id=""[^""]*""></a>)?(STAP\d{4})\s*\|", RegexOptions.Multiline);

    [Fact]
    public void The_release_files_list_every_id_once_with_its_category_and_severity()
    {
        var released = ReleaseRows().ToList();

        Assert.Equal(released.Select(r => r.Id).Distinct().Count(), released.Count);
        Assert.Equal(Catalogue().Select(d => d.Id).Order(), released.Select(r => r.Id).Order());
        foreach (var descriptor in Catalogue())
        {
            var row = released.Single(r => r.Id == descriptor.Id);
            Assert.True(StapDescriptors.CategoryOf(descriptor.Id) == row.Category, $"{descriptor.Id}: category '{row.Category}' in the release file, '{StapDescriptors.CategoryOf(descriptor.Id)}' in the analyzers");
            Assert.True(StapDescriptors.SeverityOf(descriptor.Severity).ToString() == row.Severity, $"{descriptor.Id}: severity '{row.Severity}' in the release file, '{descriptor.Severity}' in DiagnosticCatalog.cs");
        }
    }

    [Fact]
    public void The_readme_lists_every_id_of_the_catalogue_and_no_other()
    {
        var readme = File.ReadAllText(Repository.PathOf("compiler/StapSharp.Compiler/Diagnostics/README.md"));
        var listed = ReadmeRow.Matches(readme).Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(listed.Distinct().Count(), listed.Count);
        Assert.Equal(Catalogue().Select(d => d.Id).Order(), listed.Order());
    }

    [Fact]
    public void Every_catalogue_descriptor_is_declared_in_the_catalogue_source()
    {
        // DiagnosticCatalog.All is written by hand: a descriptor left out of it would escape the checks above.
        var source = File.ReadAllText(Repository.PathOf("compiler/StapSharp.Compiler/Diagnostics/DiagnosticCatalog.cs"));
        var declared = Regex.Matches(source, "\"(STAP\\d{4})\"").Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(declared.Order(), Catalogue().Select(d => d.Id).Order());
    }

    private static IReadOnlyList<StapDiagnosticDescriptor> Catalogue() => DiagnosticCatalog.All;

    private static IEnumerable<(string Id, string Category, string Severity)> ReleaseRows()
    {
        foreach (var file in new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" })
        {
            var text = File.ReadAllText(Repository.PathOf("compiler/StapSharp.Generators/" + file));
            foreach (Match match in ReleaseRow.Matches(text))
            {
                yield return (match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value);
            }
        }
    }
}
