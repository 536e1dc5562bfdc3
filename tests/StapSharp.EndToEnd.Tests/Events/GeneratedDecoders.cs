using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StapSharp.Compiler;
using StapSharp.Compiler.Events;
using StapSharp.Runtime.Events;

namespace StapSharp.EndToEnd.Tests.Events;

/// <summary>What the event round-trip tests share: translating their probe script, and the host's generated decoder.</summary>
internal static class GeneratedDecoders
{
    /// <summary>Translates one probe script that emits exactly <paramref name="record"/>.</summary>
    public static CompiledScript Translate(string fileName, string source, Type record)
    {
        var output = ScriptCompiler.CompileSources([(fileName, source)], ProbeScriptReferences.Create(typeof(ProbeScript).Assembly.Location));
        Assert.False(output.HasErrors, string.Join("\n", output.Diagnostics) + "\n" + source);
        var script = Assert.Single(output.Scripts);
        Assert.Equal([record.FullName], script.Events.Select(e => e.TypeFullName));
        return script;
    }

    /// <summary>
    /// Compiles the decoder generated for <paramref name="events"/> against this assembly's record, as the build does for a
    /// host program, and runs its module initializer; the record declared here must have the script's hash.
    /// </summary>
    public static void Register<TRecord>(IReadOnlyList<EventTypeSchema> events)
    {
        var references = ProbeScriptReferences.Create(typeof(ProbeScript).Assembly.Location)
            .Append(MetadataReference.CreateFromFile(typeof(EventDecoderRegistry).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(TRecord).Assembly.Location));
        var compilation = CSharpCompilation.Create(
            typeof(TRecord).Name + "Decoders",
            [CSharpSyntaxTree.ParseText(EventDecoderSource.Generate(events), new CSharpParseOptions(LanguageVersion.Latest))],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        image.Position = 0;
        var assembly = AssemblyLoadContext.Default.LoadFromStream(image);
        RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);
        Assert.True(EventDecoderRegistry.TryGet<TRecord>(out var decoder));
        Assert.Equal(events[0].TypeHash, decoder.TypeHash);
    }
}
