using StapSharp.Compiler;
using StapSharp.Compiler.Diagnostics;

namespace StapSharp.Compiler.Tests.Support;

/// <summary>Compiles probe-script C# the way `stapsharp build` does.</summary>
internal static class TestCompiler
{
    private static readonly Lazy<IReadOnlyList<Microsoft.CodeAnalysis.MetadataReference>> References =
        new(() => ProbeScriptReferences.Create(typeof(ProbeScript).Assembly.Location));

    public const string Usings = "using StapSharp;\nusing static StapSharp.Stap;\n";

    public static CompilationOutput Compile(string source, string path = "Script.cs") =>
        ScriptCompiler.CompileSources([(path, source)], References.Value);

    /// <summary>Compiles several sources, each with its path, as one project.</summary>
    public static CompilationOutput Compile(params (string Path, string Text)[] sources) =>
        ScriptCompiler.CompileSources(sources, References.Value);

    public static CompilationOutput CompileFiles(IEnumerable<string> files) =>
        ScriptCompiler.CompileSources(files.Select(f => (Path.GetFileName(f), File.ReadAllText(f))), References.Value);

    /// <summary>The single script of a source that must compile cleanly.</summary>
    public static CompiledScript Single(string source, string path = "Script.cs")
    {
        var output = Compile(source, path);
        Assert.True(!output.HasErrors, "unexpected errors:\n" + string.Join("\n", output.Diagnostics));
        return Assert.Single(output.Scripts);
    }

    /// <summary>The errors of a source that must fail.</summary>
    public static IReadOnlyList<StapDiagnostic> Errors(string source)
    {
        var output = Compile(source);
        Assert.True(output.HasErrors, "expected errors, got a script:\n" + string.Join("\n", output.Scripts.Select(s => s.Text)));
        Assert.Empty(output.Scripts);
        return output.Diagnostics.Where(d => d.Severity == StapSeverity.Error).ToList();
    }

    /// <summary>A probe script class around some members.</summary>
    public static string Class(string members) =>
        Usings + "public sealed class T : ProbeScript\n{\n" + members + "\n}\n";
}
