using Microsoft.CodeAnalysis;
using StapSharp.Compiler;

namespace StapSharp.Compiler.Tests.Translation;

/// <summary>
/// The references a long-lived process (the build server) hands every compilation: one object per unchanged file,
/// so Roslyn's symbols for it are decoded once; a new one when the file is rewritten, so a rebuilt assembly is read.
/// </summary>
public sealed class ProbeScriptReferencesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("stapsharp-references-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void An_unchanged_file_gives_the_same_reference()
    {
        var path = Copy(typeof(ProbeScript).Assembly.Location, "StapSharp.dll");

        Assert.Same(ProbeScriptReferences.FromFile(path), ProbeScriptReferences.FromFile(path));
    }

    [Fact]
    public void A_replaced_file_gives_a_new_reference_with_its_new_content()
    {
        var path = Copy(typeof(ProbeScript).Assembly.Location, "Library.dll");
        var before = ProbeScriptReferences.FromFile(path);

        // Replaced as a restore, a package manager or an SDK update replaces a file: a new file at the old path.
        File.Delete(path);
        File.Copy(typeof(ScriptCompiler).Assembly.Location, path);
        var after = ProbeScriptReferences.FromFile(path);

        Assert.NotSame(before, after);
        Assert.Equal("StapSharp", AssemblyName(before));
        Assert.Equal("StapSharp.Compiler", AssemblyName(after));
    }

    [Fact]
    public void Every_compilation_of_the_probe_script_references_gets_the_same_objects()
    {
        var first = ProbeScriptReferences.Create(typeof(ProbeScript).Assembly.Location);
        var second = ProbeScriptReferences.Create(typeof(ProbeScript).Assembly.Location);

        Assert.NotEmpty(first);
        Assert.Equal(first, second, ReferenceEqualityComparer.Instance);
    }

    private string Copy(string source, string name)
    {
        var path = Path.Combine(_folder, name);
        File.Copy(source, path);
        return path;
    }

    private static string AssemblyName(MetadataReference reference)
    {
        var reader = ((AssemblyMetadata)((PortableExecutableReference)reference).GetMetadata()).GetModules()[0].GetMetadataReader();
        return reader.GetString(reader.GetAssemblyDefinition().Name);
    }
}
