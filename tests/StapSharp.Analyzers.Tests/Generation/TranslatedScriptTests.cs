using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using StapSharp.Analyzers.Tests.Support;
using StapSharp.Compiler;
using StapSharp.Generators.Generation;
using static StapSharp.Analyzers.Tests.Support.GeneratorRuns;

namespace StapSharp.Analyzers.Tests.Generation;

/// <summary>
/// The generated <c>Script</c> object, read as a host reads it: the compilation with the generated file is emitted,
/// loaded, and the property read, so what is checked is what the generated code builds at run time.
/// </summary>
public class TranslatedScriptTests
{
    private const string Script = ProbeSources.Usings + """
        namespace Samples.Tracing;

        public sealed partial class MkdirCount : ProbeScript
        {
            static long count;

            [Probe("syscall.mkdir")]
            void Enter(string argstr)
            {
                count++;
                Println($"mkdir {argstr}");
            }
        }
        """;

    private const string Guru = ProbeSources.Usings + """
        [Guru]
        public sealed partial class Zeroed : ProbeScript
        {
            [Probe("kernel.function(\"do_sys_openat2\")")]
            void Open([Target] ref long dfd) => dfd = 0;
        }
        """;

    [Fact]
    public void Its_text_is_the_translators_and_its_names_are_the_runtimes()
    {
        var compilation = ProbeSources.Compile(("MkdirCount.cs", Script));
        var expected = Assert.Single(ScriptCompiler.Compile(compilation).Scripts);

        var script = Load(compilation, "Samples.Tracing.MkdirCount");

        Assert.Equal(expected.Text, script.Text);
        Assert.Equal("MkdirCount", script.ClassName);
        Assert.Equal("MkdirCount.stp", script.FileName);
        Assert.Equal(StapSharp.Runtime.Sessions.StapScript.ForClass("MkdirCount", expected.Text).ModuleName, script.ModuleName);
        Assert.Equal("stapsharp_mkdircount", script.ModuleName);
    }

    [Fact]
    public void Its_source_map_puts_a_script_line_at_the_CSharp_line_it_came_from()
    {
        var compilation = ProbeSources.Compile(("MkdirCount.cs", Script));
        var script = Load(compilation, "Samples.Tracing.MkdirCount");

        var stapLine = LineOf(script.Text, "count++");
        var place = script.SourceMap.Lookup(stapLine);

        Assert.NotNull(place);
        Assert.Equal("MkdirCount.cs", place.FilePath);
        Assert.Equal(LineOf(Script, "count++;"), place.Line);
        Assert.Equal(LineOf(Script, "count++;") + 1, script.SourceMap.Lookup(LineOf(script.Text, "printf"))!.Line);
        Assert.Equal(script.Text.Split('\n').Length, script.SourceMap.Count + (script.Text.EndsWith('\n') ? 1 : 0));
        Assert.Null(script.SourceMap.Lookup(script.SourceMap.Count + 1));
    }

    [Fact]
    public void Its_build_options_say_guru_for_a_guru_script_and_nothing_otherwise()
    {
        var guru = Load(ProbeSources.Compile(("Zeroed.cs", Guru)), "Zeroed");
        var plain = Load(ProbeSources.Compile(("MkdirCount.cs", Script)), "Samples.Tracing.MkdirCount");

        Assert.True(guru.Options.Guru);
        Assert.Equal(["-g"], guru.Options.StapOptions);
        Assert.True(guru.Options.KernelDebuginfo);
        Assert.False(plain.Options.Guru);
        Assert.Empty(plain.Options.StapOptions);
        Assert.False(plain.Options.KernelDebuginfo);

        // The runtime builds it with them, and checks the debuginfo its probes need first.
        var runnable = StapSharp.Runtime.Sessions.StapScript.From(guru, ["7"]);
        Assert.Equal(["-g"], runnable.Options);
        Assert.Equal(["7"], runnable.Arguments);
        Assert.True(runnable.Debuginfo.Kernel);
        Assert.Equal(guru.Text, runnable.Text);
        Assert.Equal(guru.ModuleName, runnable.ModuleName);
    }

    private static int LineOf(string text, string fragment) =>
        text.Split('\n').Select((line, index) => (line, index)).Single(l => l.line.Contains(fragment, StringComparison.Ordinal)).index + 1;

    /// <summary>The generated <c>Script</c> of <paramref name="typeName"/>, read from the emitted and loaded assembly.</summary>
    private static TranslatedScript Load(Compilation compilation, string typeName)
    {
        var (_, output) = Run(compilation);
        using var image = new MemoryStream();
        var emitted = output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));

        // Collectible, resolving StapSharp from the default context, so the object is the test's own TranslatedScript type.
        var context = new AssemblyLoadContext(typeName, isCollectible: true);
        image.Position = 0;
        var type = context.LoadFromStream(image).GetType(typeName)!;
        var property = type.GetProperty(GeneratedScript.ObjectMemberName, BindingFlags.Public | BindingFlags.Static)!;
        return Assert.IsType<TranslatedScript>(property.GetValue(null));
    }
}
