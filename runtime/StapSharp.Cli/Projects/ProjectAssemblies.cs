using System.Reflection;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using StapSharp.Cli.Files;
using StapSharp.Compiler;

namespace StapSharp.Cli.Projects;

/// <summary>
/// The assemblies a project compiles against: the .NET the tool runs on; for StapSharp's own packages and projects
/// (StapSharp, StapSharp.Runtime, StapSharp.Protocol) the tool's own copies, so the API and the generator always match
/// the translator; and for any other package its compile assemblies as <c>dotnet restore</c> recorded them in
/// obj/project.assets.json. What cannot be found that way (no restore yet, a reference to another project) is
/// named in <see cref="Unresolved"/>: the build then reports the types the code reads from it as C# errors.
/// </summary>
internal sealed record ProjectAssemblies(IReadOnlyList<MetadataReference> References, IReadOnlyList<string> Unresolved)
{
    /// <summary>The assets file past which a restore's record is not read (a real one is a few megabytes).</summary>
    private const int MaxAssetsBytes = 64 << 20;

    /// <summary>StapSharp's packages and projects, and the tool's assemblies that stand in for each.</summary>
    private static readonly Dictionary<string, Assembly[]> OwnPackages = new(StringComparer.OrdinalIgnoreCase)
    {
        ["StapSharp"] = [typeof(ProbeScript).Assembly],
        ["StapSharp.Protocol"] = [typeof(Protocol.WireFormat).Assembly],
        ["StapSharp.Runtime"] = [typeof(ProbeScript).Assembly, typeof(Protocol.WireFormat).Assembly, typeof(Runtime.Sessions.StapScript).Assembly, typeof(Spectre.Console.AnsiConsole).Assembly],
        // The generator runs in every project build (ProjectCompiler); it is no assembly to compile against.
        ["StapSharp.Generators"] = [],
    };

    public static ProjectAssemblies Of(ProjectFile project)
    {
        var unresolved = new List<string>();
        var own = new List<Assembly> { typeof(ProbeScript).Assembly };
        var packages = project.ItemsOf("PackageReference").Select(i => i.Include).OfType<string>().ToList();
        var assets = AssetsFile.Read(project);
        foreach (var package in packages)
        {
            if (OwnPackages.TryGetValue(package, out var assemblies))
            {
                own.AddRange(assemblies);
            }
            else if (assets is null)
            {
                unresolved.Add($"package {package} (no obj/project.assets.json: run `dotnet restore` first)");
            }
        }

        foreach (var reference in project.ItemsOf("ProjectReference").Select(i => i.Include).OfType<string>())
        {
            var name = Path.GetFileNameWithoutExtension(reference.Replace('\\', '/'));
            if (OwnPackages.TryGetValue(name, out var assemblies))
            {
                own.AddRange(assemblies);
            }
            else
            {
                unresolved.Add($"project {reference} (build compiles one project, not the projects it references)");
            }
        }

        var restored = (assets ?? []).Where(path => !OwnPackages.ContainsKey(Path.GetFileNameWithoutExtension(path))).ToList();
        var restoredNames = restored.Select(Path.GetFileName).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var files = Framework()
            .Concat(own.Select(a => a.Location).Where(location => !restoredNames.Contains(Path.GetFileName(location))))
            .Concat(restored)
            .Distinct(StringComparer.Ordinal);
        return new ProjectAssemblies([.. files.Select(ProbeScriptReferences.FromFile)], unresolved);
    }

    /// <summary>The .NET the tool runs on: its shared framework's assemblies (the tool's own dependencies are left out).</summary>
    private static IEnumerable<string> Framework()
    {
        var folder = Path.GetDirectoryName(typeof(object).Assembly.Location);
        return (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty)
            .Split(Path.PathSeparator)
            .Where(p => p.Length > 0 && string.Equals(Path.GetDirectoryName(p), folder, StringComparison.Ordinal))
            .Where(p => !p.EndsWith(".ni.dll", StringComparison.Ordinal));
    }

    /// <summary>obj/project.assets.json: what `dotnet restore` resolved each package to.</summary>
    private static class AssetsFile
    {
        /// <summary>The compile assemblies of every package of the project's first target framework; null without a restore.</summary>
        public static List<string>? Read(ProjectFile project)
        {
            var path = Path.Combine(project.Folder, "obj", "project.assets.json");
            if (!File.Exists(path))
            {
                return null;
            }

            try
            {
                var (handle, _) = RegularFile.Open(path, ShownPath.Of(path));
                using (handle)
                {
                    if (RandomAccess.GetLength(handle) > MaxAssetsBytes)
                    {
                        throw new UserError($"{ShownPath.Of(path)}: larger than {MaxAssetsBytes >> 20} MiB; is it the record of a restore?");
                    }

                    using var stream = new FileStream(handle, FileAccess.Read);
                    using var document = JsonDocument.Parse(stream);
                    return CompileAssemblies(document.RootElement);
                }
            }
            catch (Exception error) when (error is JsonException or InvalidOperationException or KeyNotFoundException)
            {
                throw new UserError($"{ShownPath.Of(path)}: not the record of a restore ({error.Message.Split('\n')[0]}); run `dotnet restore` again");
            }
            catch (Exception error) when (FileErrors.IsFileError(error))
            {
                throw new UserError($"{ShownPath.Of(path)}: cannot read: {FileErrors.Reason(error)}");
            }
        }

        private static List<string> CompileAssemblies(JsonElement root)
        {
            var folders = root.GetProperty("packageFolders").EnumerateObject().Select(f => f.Name).ToList();
            var libraries = root.GetProperty("libraries");
            var target = root.GetProperty("targets").EnumerateObject().FirstOrDefault(t => !t.Name.Contains('/', StringComparison.Ordinal));
            var found = new List<string>();
            if (target.Value.ValueKind != JsonValueKind.Object)
            {
                return found;
            }

            foreach (var package in target.Value.EnumerateObject())
            {
                if (package.Value.TryGetProperty("type", out var type) && type.GetString() != "package" ||
                    !package.Value.TryGetProperty("compile", out var compile) ||
                    !libraries.TryGetProperty(package.Name, out var library) || !library.TryGetProperty("path", out var libraryPath))
                {
                    continue;
                }

                foreach (var asset in compile.EnumerateObject().Where(a => a.Name.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)))
                {
                    // Relative paths only: a record naming /etc/x.dll or ../../x.dll names nothing of a package.
                    var relative = Path.Combine(libraryPath.GetString()!, asset.Name);
                    if (Path.IsPathRooted(relative) || relative.Split('/', '\\').Contains(".."))
                    {
                        continue;
                    }

                    if (folders.Select(folder => Path.Combine(folder, relative)).FirstOrDefault(File.Exists) is { } file)
                    {
                        found.Add(file);
                    }
                }
            }

            return found;
        }
    }
}
