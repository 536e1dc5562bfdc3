using System.Text.RegularExpressions;
using System.Xml.Linq;
using StapSharp.Packaging.Tests.Support;
using StapSharp.Tests.Shared;

namespace StapSharp.Packaging.Tests;

/// <summary>
/// What every package says about itself, as nuget.org shows it: license, readme, description, repository,
/// tags, one version for all of them, and symbols beside those that hold assemblies.
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public sealed class PackageMetadataTests(PackedPackages packages)
{
    private static readonly string RepositoryUrl =
        XDocument.Load(Repository.PathOf("Directory.Build.props")).Descendants("RepositoryUrl").Single().Value;

    [Fact]
    public void The_repository_makes_the_api_the_protocol_the_runtime_the_tool_and_the_templates()
    {
        Assert.Equal(["StapSharp", "StapSharp.Cli", "StapSharp.Protocol", "StapSharp.Runtime", "StapSharp.Templates"], packages.Packages.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_package_is_mit_licensed_as_the_license_file_says()
    {
        var license = File.ReadAllText(Repository.PathOf("LICENSE"));
        Assert.StartsWith("MIT License\n\nCopyright (c) StapSharp contributors\n", license, StringComparison.Ordinal);

        Assert.All(packages.Packages.Values, package =>
        {
            var element = package.Metadata.Elements().Single(e => e.Name.LocalName == "license");
            Assert.Equal(("expression", "MIT"), (element.Attribute("type")?.Value, element.Value));
            Assert.Equal("Copyright (c) StapSharp contributors", package["copyright"]);
            Assert.Equal("StapSharp contributors", package["authors"]);
        });
    }

    [Fact]
    public void Every_package_carries_its_own_readme()
    {
        Assert.All(packages.Packages.Values, package =>
        {
            Assert.Equal("README.md", package["readme"]);
            Assert.Contains("README.md", package.Entries);
            Assert.StartsWith($"# {(package.Id == "StapSharp.Cli" ? "stapsharp" : package.Id)}\n", package.Read("README.md"), StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Every_package_has_a_description_tags_and_the_repository()
    {
        Assert.All(packages.Packages.Values, package =>
        {
            Assert.True(package["description"] is { Length: > 80 }, $"{package.Id}: description '{package["description"]}'");
            Assert.Contains("systemtap", package["tags"]!.Split(' '));
            Assert.Equal(RepositoryUrl, package["projectUrl"]);
            var repository = package.Metadata.Elements().Single(e => e.Name.LocalName == "repository");
            Assert.Equal(("git", RepositoryUrl), (repository.Attribute("type")?.Value, repository.Attribute("url")?.Value));
        });
    }

    [Fact]
    public void Every_package_has_the_one_version_the_git_history_gives()
    {
        // MinVer: a tag's version, or a pre-release after it (0.0.0-alpha.0.N with no tag in reach).
        Assert.Matches(new Regex(@"^\d+\.\d+\.\d+(-[0-9A-Za-z]+(\.[0-9A-Za-z]+)*)?$"), packages.Version);
        Assert.All(packages.Packages.Values, package => Assert.Equal(packages.Version, package.Version));
    }

    [Fact]
    public void Packages_with_assemblies_have_symbol_packages_beside_them()
    {
        foreach (var id in new[] { "StapSharp", "StapSharp.Protocol", "StapSharp.Runtime", "StapSharp.Cli" })
        {
            var symbols = Path.ChangeExtension(packages.Packages[id].Path, ".snupkg");
            Assert.True(File.Exists(symbols), $"no {Path.GetFileName(symbols)}");
            Assert.Contains(PackedPackage.EntriesOf(symbols), entry => entry.EndsWith($"/{id}.pdb", StringComparison.Ordinal));
        }
    }
}
