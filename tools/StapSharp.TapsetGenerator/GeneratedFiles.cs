namespace StapSharp.TapsetGenerator;

/// <summary>The files the generator writes, with their content, from the installed stap and the repository's hand-written API.</summary>
internal static class GeneratedFiles
{
    public static IReadOnlyList<(string RelativePath, string Text)> Generate(string repositoryRoot, InstalledStap stap)
    {
        var dump = TapsetSignature.ParseDump(stap.DumpFunctions());
        var docs = new TapsetDocs(stap.TapsetFolder);
        var handWritten = HandWrittenApi.Read(Path.Combine(repositoryRoot, "runtime", "StapSharp"));
        var catalogue = TapsetCatalogue.Build(dump, stap, docs, handWritten);
        return [(CSharpWriter.RelativePath, CSharpWriter.Write(catalogue)), (MarkdownWriter.RelativePath, MarkdownWriter.Write(catalogue))];
    }

    public static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StapSharp.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
