using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StapSharp.Generators.Generation;

namespace StapSharp.Analyzers.Tests.Support;

/// <summary>Runs of the probe-script generator with its steps tracked, and edits between them.</summary>
internal static class GeneratorRuns
{
    public static (GeneratorDriver Driver, Compilation Output) Run(Compilation compilation)
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new ProbeScriptGenerator().AsSourceGenerator()],
            parseOptions: ProbeSources.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        Assert.Empty(diagnostics);
        return (driver, output);
    }

    /// <summary>The compilation with <paramref name="before"/> replaced by <paramref name="after"/> in the file <paramref name="path"/>.</summary>
    public static Compilation Edit(Compilation compilation, string path, string before, string after)
    {
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == path);
        var text = tree.GetText().ToString();
        Assert.Contains(before, text, StringComparison.Ordinal);
        return compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(text.Replace(before, after, StringComparison.Ordinal))));
    }
}
