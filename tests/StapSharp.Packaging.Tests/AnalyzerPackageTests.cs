using System.IO.Compression;
using StapSharp.Packaging.Tests.Support;

namespace StapSharp.Packaging.Tests;

/// <summary>
/// The StapSharp package as users get it: opened as a zip, then referenced from a fresh project whose build
/// must show translator diagnostics and the generated constant.
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public sealed class AnalyzerPackageTests(PackedPackages packages)
{
    [Fact]
    public void The_analyzers_folder_carries_the_generator_what_it_loads_and_the_completion_provider()
    {
        using var zip = ZipFile.OpenRead(packages.Packages["StapSharp"].Path);
        var entries = zip.Entries.Select(e => e.FullName).ToList();

        Assert.Equal(
            ["analyzers/dotnet/cs/Pidgin.dll", "analyzers/dotnet/cs/StapSharp.Compiler.dll", "analyzers/dotnet/cs/StapSharp.Completion.dll", "analyzers/dotnet/cs/StapSharp.Generators.dll", "analyzers/dotnet/cs/StapSharp.Protocol.dll"],
            entries.Where(e => e.StartsWith("analyzers/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Contains("lib/netstandard2.0/StapSharp.dll", entries);

        // The generator is inside the package, not a dependency users would have to find.
        using var nuspec = new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        var manifest = nuspec.ReadToEnd();
        Assert.DoesNotContain("StapSharp.Generators", manifest, StringComparison.Ordinal);
        Assert.DoesNotContain("StapSharp.Compiler", manifest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_project_referencing_the_package_gets_translator_errors_at_build_and_the_constant()
    {
        var project = NewConsumer("""
            using StapSharp;
            using static StapSharp.Stap;

            public sealed partial class Good : ProbeScript
            {
                [Probe("syscall.mkdir")]
                void Enter(string argstr) => Println($"mkdir {argstr}");
            }

            public sealed partial class Bad : ProbeScript
            {
                static int count;

                [Probe("kernel.function(\"sys_open\")")]
                void Open() => Println("open");
            }

            public static class Show
            {
                public static string Script => Good.StapScript;
            }
            """);

        var build = await BuildAsync(project);

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("Trace.cs(12,16): error STAP0003: Type 'int' has no SystemTap equivalent", build.Output, StringComparison.Ordinal);
        Assert.Contains("Trace.cs(14,12): warning STAP0401:", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("CS0117", build.Output, StringComparison.Ordinal); // Good.StapScript exists
        Assert.DoesNotContain("AD0001", build.Output, StringComparison.Ordinal); // no analyzer failed to load or crashed
        Assert.DoesNotContain("CS8784", build.Output, StringComparison.Ordinal); // the generator initialised
    }

    [Fact]
    public async Task A_valid_project_builds_and_its_constant_is_the_script()
    {
        var project = NewConsumer("""
            using StapSharp;
            using static StapSharp.Stap;

            namespace Demo;

            public sealed partial class Good : ProbeScript
            {
                [Probe("syscall.mkdir")]
                void Enter(string argstr) => Println($"mkdir {argstr}");
            }

            public static class Program
            {
                public static void Main() => System.Console.Write(Good.StapScript);
            }
            """, executable: true);

        var build = await BuildAsync(project);
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.DoesNotContain("CS8033", build.Output, StringComparison.Ordinal); // the completion assembly, which has no analyzer, is not a warning

        var run = await DotnetCli.RunAsync(project, null, "run", "-c", "Release", "--no-build");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("probe syscall.mkdir\n{\n  printf(\"mkdir %s\\n\", argstr)\n}", run.Output, StringComparison.Ordinal);
    }

    private string NewConsumer(string source, bool executable = false)
    {
        var project = packages.NewFolder("consumer");
        File.WriteAllText(Path.Combine(project, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <OutputType>{(executable ? "Exe" : "Library")}</OutputType>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="StapSharp" Version="{packages.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "Trace.cs"), source);
        return project;
    }

    private Task<DotnetCli.Result> BuildAsync(string project) =>
        DotnetCli.RunAsync(project, packages.Environment, "build", "-c", "Release");
}
