using StapSharp.Completion.Catalogue;

namespace StapSharp.Completion.Tests.Support;

/// <summary>
/// A temporary $XDG_CACHE_HOME for one test, removed with its files: the provider finds catalogues where the runtime
/// keeps its cache. The variable is the process's, so the tests of this assembly run one at a time.
/// </summary>
internal sealed class CacheHome : IDisposable
{
    private readonly string? _previous = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");

    public CacheHome() => Environment.SetEnvironmentVariable("XDG_CACHE_HOME", Path);

    public string Path { get; } = Directory.CreateTempSubdirectory("stapsharp-completion-").FullName;

    /// <summary>The cache folder inside it, as the runtime names it.</summary>
    public string CacheRoot => System.IO.Path.Combine(Path, "stapsharp");

    /// <summary>Writes <paramref name="text"/> as the catalogue file of <paramref name="release"/>.</summary>
    public string WriteCatalogue(string release, string text)
    {
        var file = ProbeCatalogue.PathFor(CacheRoot, release);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
        return file;
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("XDG_CACHE_HOME", _previous);
        Directory.Delete(Path, recursive: true);
    }
}
