using System.IO.Compression;
using System.Xml.Linq;
using StapSharp.Tests.Shared;

namespace StapSharp.Packaging.Tests.Support;

/// <summary>
/// Every package this repository makes, packed once per test run (`dotnet pack StapSharp.sln --no-build`, as
/// the build made it) into a feed folder. Projects the tests create restore from that feed and, for third-party
/// dependencies, the machine's global packages folder; never from the network. Restores extract into a package
/// folder of this run, so a package is always the one just packed, whatever the machine's cache holds.
/// </summary>
public sealed class PackedPackages : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("stapsharp-packages-").FullName;

    public string Feed => Path.Combine(_root, "feed");

    /// <summary>The NuGet.Config of every folder made here: the feed and the machine's global packages folder, nothing else.</summary>
    public string NuGetConfig => Path.Combine(_root, "NuGet.Config");

    /// <summary>Each package of the feed by id: its .nupkg and its manifest.</summary>
    public IReadOnlyDictionary<string, PackedPackage> Packages { get; private set; } = new Dictionary<string, PackedPackage>();

    /// <summary>The version the build gave the packages (from git tags), read from the StapSharp package.</summary>
    public string Version => Packages["StapSharp"].Version;

    /// <summary>
    /// The environment of dotnet commands that restore: this run's package folder, and no MSBuild node left
    /// running by the restores that `dotnet new` and `dotnet tool install` start themselves.
    /// </summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["NUGET_PACKAGES"] = Path.Combine(_root, "packages"),
        ["MSBUILDDISABLENODEREUSE"] = "1",
    };

    public async Task InitializeAsync()
    {
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var pack = await DotnetCli.RunAsync(Repository.Root, null, "pack", "StapSharp.sln", "-c", configuration, "--no-build", "-o", Feed);
        Assert.True(pack.ExitCode == 0, pack.Output);
        Packages = Directory.GetFiles(Feed, "*.nupkg").Select(PackedPackage.Open).ToDictionary(p => p.Id);

        var locals = await DotnetCli.RunAsync(_root, null, "nuget", "locals", "global-packages", "--list");
        Assert.True(locals.ExitCode == 0, locals.Output);
        var machinePackages = locals.Output[(locals.Output.IndexOf(':') + 1)..].Trim();

        // Every project made under the root restores from here only, and no Directory.Build.* or central
        // package versions of a folder above it apply.
        File.WriteAllText(NuGetConfig, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="feed" value="{Feed}" />
                <add key="machine" value="{machinePackages}" />
              </packageSources>
            </configuration>
            """);
        foreach (var file in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            File.WriteAllText(Path.Combine(_root, file), "<Project />");
        }
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>A new empty folder outside the repository, restoring as <see cref="NuGetConfig"/> says.</summary>
    public string NewFolder(string name) => Directory.CreateDirectory(Path.Combine(_root, $"{name}-{Guid.NewGuid():N}")).FullName;
}

/// <summary>A .nupkg and what its manifest says.</summary>
public sealed record PackedPackage(string Path, string Id, string Version, XElement Metadata, IReadOnlyList<string> Entries)
{
    public static PackedPackage Open(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        var nuspec = zip.Entries.Single(e => !e.FullName.Contains('/') && e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = nuspec.Open();
        var metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        return new PackedPackage(path, Value(metadata, "id")!, Value(metadata, "version")!, metadata, EntriesOf(path));
    }

    /// <summary>A metadata element's text; null when the manifest has none.</summary>
    public static string? Value(XElement metadata, string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

    public string? this[string name] => Value(Metadata, name);

    /// <summary>The text of one file of the package.</summary>
    public string Read(string entry)
    {
        using var zip = ZipFile.OpenRead(Path);
        using var reader = new StreamReader(zip.GetEntry(entry)!.Open());
        return reader.ReadToEnd();
    }

    /// <summary>The files of any package (a .snupkg too).</summary>
    public static IReadOnlyList<string> EntriesOf(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        return zip.Entries.Select(e => e.FullName).ToList();
    }
}
