using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Completion;
using Microsoft.CodeAnalysis.Host.Mef;
using Microsoft.CodeAnalysis.Text;

namespace StapSharp.Completion.Tests.Support;

/// <summary>
/// An IDE in miniature: a workspace composed from Roslyn's IDE assemblies and the completion provider, as an IDE
/// composes its own with the providers of a project's analyzer package, and C#'s CompletionService over it.
/// </summary>
internal static class CompletionHost
{
    /// <summary>Where a test's source has its caret.</summary>
    public const string Caret = "$$";

    private static readonly MefHostServices Services =
        MefHostServices.Create(MefHostServices.DefaultAssemblies.Add(typeof(ProbeCompletionProvider).Assembly));

    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path) is "System.Runtime.dll" or "System.Private.CoreLib.dll" or "netstandard.dll")
            .Select(path => MetadataReference.CreateFromFile(path)),
        MetadataReference.CreateFromFile(typeof(StapSharp.ProbeAttribute).Assembly.Location),
    ];

    /// <summary><paramref name="template"/> with the caret at its <c>{0}</c>.</summary>
    public static string AtCaret(string template) => template.Replace("{0}", Caret, StringComparison.Ordinal);

    /// <summary>The items the provider offers at the caret of <paramref name="source"/>.</summary>
    public static async Task<IReadOnlyList<CompletionItem>> ItemsAsync(string source)
    {
        var (document, position) = Open(source);
        var service = CompletionService.GetService(document) ?? throw new InvalidOperationException("no C# CompletionService in the composition");
        var list = await service.GetCompletionsAsync(document, position);
        return list.ItemsList.Where(IsOurs).ToList();
    }

    /// <summary>The source after <paramref name="display"/>'s item is chosen at the caret.</summary>
    public static async Task<string> ChooseAsync(string source, string display)
    {
        var (document, position) = Open(source);
        var service = CompletionService.GetService(document)!;
        var list = await service.GetCompletionsAsync(document, position);
        var item = Assert.Single(list.ItemsList, i => IsOurs(i) && i.DisplayText == display);
        var change = await service.GetChangeAsync(document, item);
        return (await document.GetTextAsync()).WithChanges(change.TextChange).ToString();
    }

    private static bool IsOurs(CompletionItem item) => item.Properties.ContainsKey("stapsharp.insert");

    private static (Document Document, int Position) Open(string source)
    {
        var position = source.IndexOf(Caret, StringComparison.Ordinal);
        Assert.True(position >= 0, "the source marks no caret");
        var workspace = new AdhocWorkspace(Services);
        var project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(), VersionStamp.Default, "Probes", "Probes", LanguageNames.CSharp,
            compilationOptions: new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary),
            metadataReferences: References));
        var document = workspace.AddDocument(project.Id, "Probes.cs", SourceText.From(source.Remove(position, Caret.Length)));
        return (document, position);
    }
}
