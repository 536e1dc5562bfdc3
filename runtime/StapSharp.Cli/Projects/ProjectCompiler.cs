using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StapSharp.Cli.Files;
using StapSharp.Compiler;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Generators.Generation;

namespace StapSharp.Cli.Projects;

/// <summary>
/// Compiles a project as the SDK would, enough for a probe project and its host program: its sources
/// (<see cref="ProjectSources"/>), its assemblies (<see cref="ProjectAssemblies"/>), the options its properties set,
/// and StapSharp's source generator, so a host that reads <c>MyProbe.Script</c> compiles. Every C# error counts,
/// the host's too (they are errors <c>dotnet build</c> shows); only the probe classes are translated.
/// </summary>
internal static class ProjectCompiler
{
    /// <summary>The global usings of Microsoft.NET.Sdk with <c>ImplicitUsings</c> enabled.</summary>
    private static readonly string[] ImplicitUsings =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    public static CompilationOutput Compile(string path)
    {
        var reader = new SourceFileReader();
        var project = ProjectFile.Load(path, reader);
        var shown = ShownPath.Of(project.Path);
        var sources = ProjectSources.Load(project, reader);
        var assemblies = ProjectAssemblies.Of(project);
        foreach (var missing in assemblies.Unresolved)
        {
            Status.Notice($"{shown}: {missing} is not resolved: the types the code reads from it are errors below");
        }

        var parseOptions = new CSharpParseOptions(LanguageVersionOf(project, shown));
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, parseOptions, s.Path)).ToList();
        if (GlobalUsings(project) is { Length: > 0 } usings)
        {
            trees.Add(CSharpSyntaxTree.ParseText(usings, parseOptions, Path.Combine(Path.GetDirectoryName(shown) ?? string.Empty, "obj", "GlobalUsings.g.cs")));
        }

        var compilation = CSharpCompilation.Create(
            project.Property("AssemblyName") is { Length: > 0 } name ? name : Path.GetFileNameWithoutExtension(project.Path),
            trees,
            assemblies.References,
            new CSharpCompilationOptions(
                project.Property("OutputType")?.ToLowerInvariant() is "exe" or "winexe" ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableOf(project, shown),
                allowUnsafe: project.IsTrue("AllowUnsafeBlocks")));

        // The generator adds each script's StapScript and Script and, with the runtime referenced, the event decoders.
        var driver = CSharpGeneratorDriver.Create([new ProbeScriptGenerator().AsSourceGenerator()], parseOptions: parseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out var generated, out var generatorDiagnostics);
        var generatedTrees = driver.GetRunResult().GeneratedTrees;
        var output = ScriptCompiler.Compile(generated, generatedTrees);
        var failures = generatorDiagnostics.Where(d => d.Severity is DiagnosticSeverity.Error or DiagnosticSeverity.Warning)
            .Select(d => new StapDiagnostic(d.Id, StapSeverity.Error, d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), SourceSpan.From(d.Location)))
            .ToList();
        return failures.Count == 0 ? output : output with { Diagnostics = [.. failures, .. output.Diagnostics] };
    }

    /// <summary>The Sdk's implicit usings when enabled, then the project's <c>&lt;Using&gt;</c> items (Static, Alias, Remove), as global usings.</summary>
    private static string GlobalUsings(ProjectFile project)
    {
        var usings = new List<(string Name, string? Alias, bool Static)>();
        if (project.IsTrue("ImplicitUsings") || string.Equals(project.Property("ImplicitUsings"), "enable", StringComparison.OrdinalIgnoreCase))
        {
            usings.AddRange(ImplicitUsings.Select(u => (u, (string?)null, false)));
        }

        foreach (var item in project.ItemsOf("Using"))
        {
            if (item.Remove is { } remove)
            {
                usings.RemoveAll(u => u.Name == remove.Trim());
            }

            if (item.Include is { } include && IsName(include.Trim()))
            {
                var alias = item["Alias"] is { } a && IsName(a.Trim()) ? a.Trim() : null;
                usings.Add((include.Trim(), alias, string.Equals(item["Static"], "true", StringComparison.OrdinalIgnoreCase)));
            }
        }

        // Names only (checked above): nothing else from the project file reaches the C# text.
        return string.Concat(usings.Distinct().Select(u =>
            $"global using {(u.Static ? "static " : string.Empty)}{(u.Alias is null ? string.Empty : u.Alias + " = ")}global::{u.Name};\n"));
    }

    private static bool IsName(string text) =>
        text.Length > 0 && text.Split('.').All(part => SyntaxFacts.IsValidIdentifier(part));

    private static LanguageVersion LanguageVersionOf(ProjectFile project, string shown)
    {
        if (project.Property("LangVersion") is not { Length: > 0 } text)
        {
            return LanguageVersion.Latest;
        }

        return LanguageVersionFacts.TryParse(text, out var version)
            ? version
            : throw new UserError($"{shown}: LangVersion '{text}' is not a C# language version");
    }

    private static NullableContextOptions NullableOf(ProjectFile project, string shown) =>
        project.Property("Nullable")?.ToLowerInvariant() switch
        {
            null or "" or "disable" => NullableContextOptions.Disable,
            "enable" => NullableContextOptions.Enable,
            "warnings" => NullableContextOptions.Warnings,
            "annotations" => NullableContextOptions.Annotations,
            var other => throw new UserError($"{shown}: Nullable '{other}' is not enable, disable, warnings or annotations"),
        };
}
