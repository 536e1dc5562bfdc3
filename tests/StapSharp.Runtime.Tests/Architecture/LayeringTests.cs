using System.Text.RegularExpressions;
using StapSharp.Tests.Shared;

namespace StapSharp.Runtime.Tests.Architecture;

/// <summary>
/// The runtime's lower layers do not reach up: <c>Processes/</c> (host processes) uses none of the layers above it,
/// <c>Machines/</c> (the QEMU machine and its guest image) neither the toolchain nor the builds, the run targets or the
/// sessions, and <c>Toolchain/</c> none of the last three. Checked twice: in the source (using directives and qualified names,
/// doc references included), and in the compiled types (base types, fields, properties, signatures, and the
/// state machines that hold an async method's locals).
/// </summary>
public partial class LayeringTests
{
    private const string RuntimeFolder = "runtime/StapSharp.Runtime";

    public static TheoryData<string, string> Rules => new()
    {
        { "Processes", "Machines" },
        { "Processes", "Toolchain" },
        { "Processes", "Build" },
        { "Processes", "Targets" },
        { "Processes", "Sessions" },
        { "Machines", "Toolchain" },
        { "Machines", "Build" },
        { "Machines", "Targets" },
        { "Machines", "Sessions" },
        { "Toolchain", "Build" },
        { "Toolchain", "Targets" },
        { "Toolchain", "Sessions" },
        { "Machines", "Fleet" },
        { "Sessions", "Fleet" },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void The_source_of_a_layer_does_not_name_a_layer_above_it(string layer, string above)
    {
        var folder = Repository.PathOf(Path.Combine(RuntimeFolder, layer));
        var files = Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        var reference = new Regex($@"StapSharp\.Runtime\.{above}\b|(?<![\w.]){above}\.[A-Z]");
        var found = (from file in files
                     from line in File.ReadLines(file).Select((text, index) => (text, number: index + 1))
                     where reference.IsMatch(line.text)
                     select $"{Path.GetRelativePath(Repository.Root, file)}:{line.number}: {line.text.Trim()}").ToList();
        Assert.True(found.Count == 0, $"{layer}/ names {above}/:\n{string.Join('\n', found)}");
    }

    [Fact]
    public void No_global_using_brings_a_layer_into_every_file()
    {
        var runtime = Repository.PathOf(RuntimeFolder);
        var globals = Directory.GetFiles(runtime, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(File.ReadLines)
            .Where(line => GlobalRuntimeUsing().IsMatch(line))
            .Concat(File.ReadLines(Path.Combine(runtime, "StapSharp.Runtime.csproj")).Where(line => line.Contains("Using Include=\"StapSharp.Runtime", StringComparison.Ordinal)))
            .ToList();
        Assert.Empty(globals);
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void The_types_of_a_layer_do_not_use_a_layer_above_it(string layer, string above)
    {
        var ownNamespace = $"StapSharp.Runtime.{layer}";
        var aboveNamespace = $"StapSharp.Runtime.{above}";
        var types = typeof(Sessions.ScriptSession).Assembly.GetTypes().Where(type => TypeUsage.InNamespace(type, ownNamespace)).ToList();
        Assert.NotEmpty(types);
        var found = types
            .SelectMany(type => TypeUsage.UsedTypes(type).Where(used => TypeUsage.InNamespace(used, aboveNamespace)).Select(used => $"{type.FullName} uses {used.FullName}"))
            .Distinct()
            .ToList();
        Assert.True(found.Count == 0, $"{layer}/ uses {above}/:\n{string.Join('\n', found)}");
    }

    [GeneratedRegex(@"^\s*global\s+using\s+(static\s+)?StapSharp\.Runtime\.")]
    private static partial Regex GlobalRuntimeUsing();
}
