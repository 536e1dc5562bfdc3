using StapSharp.Packaging.Tests.Support;
using StapSharp.Tests.Shared;

namespace StapSharp.Packaging.Tests;

/// <summary>
/// The StapSharp.Cli package as a .NET tool: installed with `dotnet tool install` from the feed into a tool
/// folder, then run as `stapsharp` from a folder outside the repository, so everything it needs comes from
/// the package.
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public sealed class ToolPackageTests(PackedPackages packages)
{
    [Fact]
    public async Task Help_names_the_command_and_ends_with_examples_and_exit_codes()
    {
        var result = await RunAsync(packages.NewFolder("cwd"), "--help");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Usage:\n  stapsharp [command] [options]\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("\nExamples:\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("\nExit codes:\n  0    success\n", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errno_prints_the_number_the_name_and_the_message()
    {
        var result = await RunAsync(packages.NewFolder("cwd"), "errno", "5");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("5\tEIO\tInput/output error\n", result.Stdout);
    }

    [Fact]
    public async Task Build_translates_a_sample_with_the_api_assembly_from_the_package_in_its_build_server()
    {
        var folder = packages.NewFolder("hello");
        File.Copy(Repository.PathOf("samples/HelloWorld/HelloWorld.cs"), Path.Combine(folder, "HelloWorld.cs"));
        // The installed command starts the server as itself (not `dotnet X.dll`), in a folder of this test's.
        var servers = Directory.CreateTempSubdirectory("stapsharp-tool-").FullName;
        var environment = new Dictionary<string, string> { ["XDG_RUNTIME_DIR"] = servers, ["STAPSHARP_BUILD_SERVER"] = "1", ["STAPSHARP_DEBUG"] = "1" };

        var result = await RunAsync(folder, environment, "build", "HelloWorld.cs", "-o", "out");
        var stop = await RunAsync(folder, environment, "build-server", "stop");
        Directory.Delete(servers, recursive: true);

        Assert.True(result.ExitCode == 0 && result.Stderr == "", result.ToString());
        Assert.Equal(
            File.ReadAllText(Repository.PathOf("samples/HelloWorld/HelloWorld.verified.stp")),
            File.ReadAllText(Path.Combine(folder, "out", "HelloWorld.stp")));
        Assert.StartsWith($"stopped the build server at {servers}/stapsharp/", stop.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failures_end_with_their_documented_exit_codes()
    {
        var folder = packages.NewFolder("broken");
        File.WriteAllText(Path.Combine(folder, "Broken.cs"), """
            using StapSharp;

            public sealed class Broken : ProbeScript
            {
                static int count;

                [Probe("begin")]
                void Start() { }
            }
            """);

        var translation = await RunAsync(folder, "build", "Broken.cs");
        var usage = await RunAsync(folder, "bogus");

        Assert.True(translation.ExitCode == 1, translation.ToString());
        Assert.Contains("Broken.cs(5,16): error STAP0003:", translation.Stderr, StringComparison.Ordinal);
        Assert.True(usage.ExitCode == 64, usage.ToString());
        Assert.EndsWith("stapsharp: usage: stapsharp --help\n", usage.Stderr, StringComparison.Ordinal);
    }

    private Task<Processes.Result> RunAsync(string workingDirectory, params string[] arguments) =>
        InstalledTool.RunAsync(packages, workingDirectory, arguments);

    private Task<Processes.Result> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        InstalledTool.RunAsync(packages, workingDirectory, environment, arguments);
}
