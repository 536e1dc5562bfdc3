using StapSharp.Compiler.IR;
using StapSharp.Tests.Shared;

namespace StapSharp.Compiler.Tests.Architecture;

/// <summary>
/// The passes after binding know nothing of Roslyn: the bound constructs (<c>Bound/</c>), their lowering
/// (<c>Lowering/</c>), the stap IR (<c>IR/</c>) and the printer (<c>Printing/</c>). Checked in the source (a
/// using directive or a qualified name, doc references included) and in the compiled types (base types,
/// fields, properties and signatures).
/// </summary>
public sealed class RoslynFreePassesTests
{
    private const string CompilerFolder = "compiler/StapSharp.Compiler";

    public static TheoryData<string> Passes => new() { "Bound", "Lowering", "IR", "Printing" };

    [Theory]
    [MemberData(nameof(Passes))]
    public void The_source_of_a_pass_after_binding_names_no_Roslyn_type(string pass)
    {
        var files = Directory.GetFiles(Repository.PathOf(Path.Combine(CompilerFolder, pass)), "*.cs", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        var found = (from file in files
                     from line in File.ReadLines(file).Select((text, index) => (text, number: index + 1))
                     where line.text.Contains("Microsoft.CodeAnalysis", StringComparison.Ordinal)
                     select $"{Path.GetRelativePath(Repository.Root, file)}:{line.number}: {line.text.Trim()}").ToList();
        Assert.True(found.Count == 0, $"{pass}/ names Roslyn:\n{string.Join('\n', found)}");
    }

    [Theory]
    [MemberData(nameof(Passes))]
    public void The_types_of_a_pass_after_binding_use_no_Roslyn_type(string pass)
    {
        var types = typeof(Expression).Assembly.GetTypes().Where(type => TypeUsage.InNamespace(type, $"StapSharp.Compiler.{pass}")).ToList();
        Assert.NotEmpty(types);
        var found = types
            .SelectMany(type => TypeUsage.UsedTypes(type).Where(used => TypeUsage.InNamespace(used, "Microsoft.CodeAnalysis")).Select(used => $"{type.FullName} uses {used.FullName}"))
            .Distinct()
            .ToList();
        Assert.True(found.Count == 0, $"{pass}/ uses Roslyn:\n{string.Join('\n', found)}");
    }

    [Fact]
    public void No_global_using_brings_Roslyn_into_every_file()
    {
        var compiler = Repository.PathOf(CompilerFolder);
        var globals = Directory.GetFiles(compiler, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(File.ReadLines)
            .Where(line => line.TrimStart().StartsWith("global using", StringComparison.Ordinal) && line.Contains("Microsoft.CodeAnalysis", StringComparison.Ordinal))
            .Concat(File.ReadLines(Path.Combine(compiler, "StapSharp.Compiler.csproj")).Where(line => line.Contains("Using Include=\"Microsoft.CodeAnalysis", StringComparison.Ordinal)))
            .ToList();
        Assert.Empty(globals);
    }
}
