using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StapSharp.Compiler;
using StapSharp.Generators.Generation;
using static StapSharp.EndToEnd.Tests.CommandLine.CliSources;

namespace StapSharp.EndToEnd.Tests.CommandLine;

/// <summary>
/// `stapsharp build X.csproj` compiles the project as its build does: a console project like the one
/// `dotnet new stapsharp` makes translates to what the generator gives the host, the host's own errors count at
/// their place, the project's properties and items are read, and a hostile project file is one clear error.
/// </summary>
public sealed class ProjectBuildTests
{
    // Guards against a hang, not a timing assert.
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    private static readonly string TemplateFolder =
        Path.Combine(CliRunner.RepositoryRoot(), "templates", "StapSharp.Templates", "content", "stapsharp");

    [Fact]
    public async Task The_template_project_builds_to_the_script_the_generator_gives_its_host()
    {
        using var temp = TemplateProject();

        var result = await CliRunner.RunInAsync(temp.Path, Limit, "build", "Probe.csproj", "-o", "out");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["out/MkdirWatch.stp"], result.StdoutLines);
        foreach (var id in new[] { "CS8805", "CS0103", "CS0117", "error" })
        {
            Assert.DoesNotContain(id, result.Stderr, StringComparison.Ordinal);
        }

        Assert.Equal(GeneratedConstant(File.ReadAllText(Path.Combine(TemplateFolder, "MkdirWatch.cs")), "StapSharpProbe.MkdirWatch"),
            File.ReadAllText(Path.Combine(temp.Path, "out", "MkdirWatch.stp")));
    }

    [Fact]
    public async Task An_error_in_the_host_program_fails_the_build_at_its_place()
    {
        using var temp = TemplateProject();
        var program = File.ReadAllText(Path.Combine(temp.Path, "Program.cs"));
        temp.Write("Program.cs", program.Replace("Console.Error.WriteLine(error.Message);", "Console.Error.WriteLine(error.Mesage);", StringComparison.Ordinal));
        var line = program.Split('\n').ToList().FindIndex(l => l.Contains("Console.Error.WriteLine(error.Message);", StringComparison.Ordinal)) + 1;

        var result = await CliRunner.RunInAsync(temp.Path, Limit, "build", "Probe.csproj", "-o", "out");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains($"Program.cs({line},", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("error CS1061: 'ToolchainException' does not contain a definition for 'Mesage'", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(["MkdirWatch.cs", "Probe.csproj", "Program.cs"], Entries(temp.Path));
        AssertNoStackTrace(result);
    }

    [Theory]
    // A console project's top-level statements compile; as a library they would not.
    [InlineData("<OutputType>Exe</OutputType>", "System.Console.WriteLine(Hello.Script.Text.Length);", null)]
    [InlineData("", "System.Console.WriteLine(Hello.Script.Text.Length);", "CS8805")]
    // The Sdk's implicit usings, when enabled.
    [InlineData("<OutputType>Exe</OutputType><ImplicitUsings>enable</ImplicitUsings>", "Console.WriteLine(new List<int>().Count);", null)]
    [InlineData("<OutputType>Exe</OutputType>", "Console.WriteLine(1);", "CS0103")]
    [InlineData("<OutputType>Exe</OutputType><AllowUnsafeBlocks>true</AllowUnsafeBlocks>", "unsafe { int x = 1; int* p = &x; System.Console.WriteLine(*p); }", null)]
    [InlineData("<OutputType>Exe</OutputType>", "unsafe { int x = 1; int* p = &x; System.Console.WriteLine(*p); }", "CS0227")]
    [InlineData("<OutputType>Exe</OutputType><LangVersion>8</LangVersion>", "System.Console.WriteLine(1);", "CS8400")]
    public async Task The_project_properties_decide_how_it_compiles(string properties, string program, string? error)
    {
        using var temp = new TempFolder();
        temp.Write("Hello.cs", Hello.Replace("sealed class", "sealed partial class", StringComparison.Ordinal));
        temp.Write("Program.cs", program);
        temp.Write("P.csproj", Project(properties, string.Empty));

        var result = await CliRunner.RunInAsync(temp.Path, Limit, "build", "P.csproj", "-o", "out");

        if (error is null)
        {
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Equal(["out/Hello.stp"], result.StdoutLines);
        }
        else
        {
            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Contains($"Program.cs(1,", result.Stderr, StringComparison.Ordinal);
            Assert.Contains($"error {error}:", result.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Compile_items_remove_and_include_files_as_the_sdk_does()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(Path.Combine(temp.Path, "Old", "Deeper"));
        Directory.CreateDirectory(Path.Combine(temp.Path, "Shared"));
        temp.Write("Old/Deeper/Broken.cs", Broken);
        temp.Write("Old/Broken.cs", Broken);
        temp.Write("Shared/Hello.cs", Hello);
        var outside = Directory.CreateDirectory(temp.Path + "-outside").FullName;
        try
        {
            File.WriteAllText(Path.Combine(outside, "Two.cs"), TwoScripts);
            temp.Write("P.csproj", Project(string.Empty, $"""<Compile Remove="Old/**" /><Compile Include="..\{Path.GetFileName(outside)}\Two.cs" />"""));
            temp.Write("Q.csproj", Project("<EnableDefaultCompileItems>false</EnableDefaultCompileItems>", """<Compile Include="Shared/*.cs" />"""));

            var withRemove = await CliRunner.RunInAsync(temp.Path, Limit, "build", "P.csproj", "-o", "p");
            var onlyIncluded = await CliRunner.RunInAsync(temp.Path, Limit, "build", "Q.csproj", "-o", "q");
            var everything = await CliRunner.RunInAsync(temp.Path, Limit, "build", ".", "-o", "all");

            Assert.True(withRemove.ExitCode == 0, withRemove.ToString());
            Assert.Equal(["p/First.stp", "p/Hello.stp", "p/Second.stp"], withRemove.StdoutLines.Order(StringComparer.Ordinal));
            Assert.True(onlyIncluded.ExitCode == 0, onlyIncluded.ToString());
            Assert.Equal(["q/Hello.stp"], onlyIncluded.StdoutLines);
            Assert.True(everything.ExitCode == 1, everything.ToString()); // the folder holds the broken files
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    [Fact]
    public async Task A_package_that_was_not_restored_is_named_and_its_types_are_errors_at_their_place()
    {
        using var temp = new TempFolder();
        temp.Write("Hello.cs", Hello);
        temp.Write("Program.cs", "Acme.Widgets.Widget.Show();");
        temp.Write("P.csproj", Project("<OutputType>Exe</OutputType>", """<PackageReference Include="Acme.Widgets" Version="1.0.0" />"""));

        var result = await CliRunner.RunInAsync(temp.Path, Limit, "build", "P.csproj", "-o", "out");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("stapsharp: P.csproj: package Acme.Widgets (no obj/project.assets.json: run `dotnet restore` first) is not resolved", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Program.cs(1,1): error CS0103: The name 'Acme' does not exist in the current context", result.Stderr, StringComparison.Ordinal);
        AssertNoStackTrace(result);
    }

    [Theory]
    [InlineData("laughs", "<?xml version=\"1.0\"?><!DOCTYPE Project [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><Project><PropertyGroup><X>&c;</X></PropertyGroup></Project>",
                "stapsharp: P.csproj: has a DTD (<!DOCTYPE …>), which no project needs and build does not read")]
    [InlineData("external", "<!DOCTYPE Project [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]><Project><PropertyGroup><X>&secret;</X></PropertyGroup></Project>",
                "stapsharp: P.csproj: has a DTD (<!DOCTYPE …>), which no project needs and build does not read")]
    [InlineData("text", "this is not XML", "stapsharp: P.csproj: not a project's XML: Data at the root level is invalid. Line 1, position 1.")]
    [InlineData("unclosed", "<Project><PropertyGroup>", "stapsharp: P.csproj: not a project's XML: ")]
    [InlineData("root", "<Solution />", "stapsharp: P.csproj: not an MSBuild project: its root element is <Solution>, not <Project>")]
    [InlineData("huge", null, "stapsharp: P.csproj: larger than 4 MiB")]
    [InlineData("language", "<Project><PropertyGroup><LangVersion>99</LangVersion></PropertyGroup></Project>", "stapsharp: P.csproj: LangVersion '99' is not a C# language version")]
    public async Task A_project_file_that_is_not_a_plain_project_is_a_user_error(string name, string? text, string message)
    {
        using var temp = new TempFolder();
        temp.Write("Hello.cs", Hello);
        temp.Write("P.csproj", text ?? "<Project>" + new string(' ', 5 << 20) + "</Project>");

        var result = await CliRunner.RunInAsync(temp.Path, Limit, "build", "P.csproj", "-o", "out");

        Assert.True(result.ExitCode == 2, $"{name}: {result}");
        Assert.StartsWith(message, result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.TrimEnd().Split('\n'));
        Assert.DoesNotContain("root:x:0", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(["Hello.cs", "P.csproj"], Entries(temp.Path));
        AssertNoStackTrace(result);
    }

    private static string Project(string properties, string items) =>
        $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup><TargetFramework>net10.0</TargetFramework>{properties}</PropertyGroup>
          <ItemGroup><PackageReference Include="StapSharp" Version="1.0.0" />{items}</ItemGroup>
        </Project>
        """;

    /// <summary>The template's probe project as `dotnet new stapsharp -n Probe` makes it (not restored).</summary>
    private static TempFolder TemplateProject()
    {
        var temp = new TempFolder();
        foreach (var file in new[] { "MkdirWatch.cs", "Program.cs" })
        {
            File.Copy(Path.Combine(TemplateFolder, file), Path.Combine(temp.Path, file));
        }

        temp.Write("Probe.csproj", File.ReadAllText(Path.Combine(TemplateFolder, "StapSharpProbe.csproj")).Replace("STAPSHARP_VERSION", "1.0.0", StringComparison.Ordinal));
        return temp;
    }

    /// <summary>The StapScript constant StapSharp's generator gives <paramref name="typeName"/> in a compilation of <paramref name="source"/>.</summary>
    private static string GeneratedConstant(string source, string typeName)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create("Probe", [CSharpSyntaxTree.ParseText(source, parse, "MkdirWatch.cs")],
            ProbeScriptReferences.Create(typeof(ProbeScript).Assembly.Location), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        CSharpGeneratorDriver.Create([new ProbeScriptGenerator().AsSourceGenerator()], parseOptions: parse)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        var constant = output.GetTypeByMetadataName(typeName)!.GetMembers("StapScript").OfType<IFieldSymbol>().Single();
        return Assert.IsType<string>(constant.ConstantValue);
    }
}
