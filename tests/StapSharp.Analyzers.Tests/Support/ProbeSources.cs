using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StapSharp.Compiler;

namespace StapSharp.Analyzers.Tests.Support;

/// <summary>Probe-script compilations against the real StapSharp.dll and the running .NET's assemblies.</summary>
internal static class ProbeSources
{
    public const string Usings = "using StapSharp;\nusing static StapSharp.Stap;\n";

    public static readonly Lazy<IReadOnlyList<MetadataReference>> References =
        new(() => ProbeScriptReferences.Create(typeof(ProbeScript).Assembly.Location));

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static CSharpCompilation Compile(params (string Path, string Text)[] sources) =>
        CSharpCompilation.Create(
            "ProbeScripts",
            sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, s.Path)),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
}
