using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StapSharp.Packaging.Tests.Support;

namespace StapSharp.Packaging.Tests;

/// <summary>
/// `dotnet new stapsharp` from the StapSharp.Templates package: installed into a template folder of its own
/// (the machine's template cache is left alone), instantiated, restored and built against the packages of
/// this run. Running the result needs root and a kernel module build: the end-to-end tests run modules.
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public sealed class TemplatePackageTests(PackedPackages packages)
{
    [Fact]
    public async Task Dotnet_new_stapsharp_makes_a_probe_project_that_builds_with_the_analyzers()
    {
        var hive = packages.NewFolder("hive");
        var install = await DotnetCli.RunAsync(packages.NewFolder("cwd"), packages.Environment,
            "new", "install", packages.Packages["StapSharp.Templates"].Path, "--debug:custom-hive", hive);
        Assert.True(install.ExitCode == 0, install.Output);

        var project = packages.NewFolder("Mkdir.Probe");
        var create = await DotnetCli.RunAsync(project, packages.Environment, "new", "stapsharp", "-n", "Mkdir.Probe", "-o", ".", "--debug:custom-hive", hive);
        Assert.True(create.ExitCode == 0, create.Output);
        Assert.Contains("Restore succeeded", create.Output, StringComparison.Ordinal);

        // The template references the StapSharp packages it was released with, and takes the project's name.
        var csproj = File.ReadAllText(Path.Combine(project, "Mkdir.Probe.csproj"));
        Assert.Contains($"<PackageReference Include=\"StapSharp\" Version=\"{packages.Version}\" />", csproj, StringComparison.Ordinal);
        Assert.Contains($"<PackageReference Include=\"StapSharp.Runtime\" Version=\"{packages.Version}\" />", csproj, StringComparison.Ordinal);
        Assert.Contains("namespace Mkdir.Probe;", File.ReadAllText(Path.Combine(project, "MkdirWatch.cs")), StringComparison.Ordinal);

        var build = await DotnetCli.RunAsync(project, packages.Environment, "build", "-c", "Release", "-p:EmitCompilerGeneratedFiles=true");

        // Program.cs reads MkdirWatch.StapScript, which exists only when the generator ran; with the runtime
        // referenced it also wrote the decoder of MkdirEvent that Program.cs reads events with.
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.Contains(" 0 Warning(s)", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("AD0001", build.Output, StringComparison.Ordinal);
        var generated = Directory.GetFiles(Path.Combine(project, "obj"), "*.g.cs", SearchOption.AllDirectories);
        Assert.Contains("StapSharp.EventDecoders.g.cs", generated.Select(Path.GetFileName));

        // The installed tool builds the same project (console program, implicit usings, the generated Script read
        // by Program.cs, the restored packages) to the script the generator gave the program.
        var tool = await InstalledTool.RunAsync(packages, project, "build", "Mkdir.Probe.csproj", "-o", "out");
        Assert.True(tool.ExitCode == 0, tool.ToString());
        Assert.Equal("out/MkdirWatch.stp\n", tool.Stdout);
        Assert.Equal(string.Empty, tool.Stderr);
        var constant = GeneratedConstant(File.ReadAllText(generated.Single(f => f.EndsWith("Mkdir.Probe.MkdirWatch.StapScript.g.cs", StringComparison.Ordinal))));
        Assert.Equal(constant, File.ReadAllText(Path.Combine(project, "out", "MkdirWatch.stp")));
    }

    /// <summary>The value of the generated <c>StapScript</c> constant, as the compiler reads its literal.</summary>
    private static string GeneratedConstant(string source) =>
        CSharpSyntaxTree.ParseText(source).GetRoot().DescendantNodes().OfType<VariableDeclaratorSyntax>()
            .Single(v => v.Identifier.Text == "StapScript").Initializer!.Value is LiteralExpressionSyntax literal
            ? literal.Token.ValueText
            : throw new InvalidOperationException("StapScript is not a literal");
}
