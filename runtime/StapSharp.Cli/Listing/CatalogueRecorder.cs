using StapSharp.Completion.Catalogue;
using StapSharp.Runtime.Listing;
using StapSharp.Runtime.Toolchain;

namespace StapSharp.Cli.Listing;

/// <summary>
/// Adds what <c>stapsharp list</c> found to the probe-point catalogue of the release it listed, which the editor's
/// completion inside <c>[Probe("…")]</c> reads: every listing also teaches the editor those points and their variables.
/// </summary>
internal static class CatalogueRecorder
{
    /// <summary>Records <paramref name="points"/> for <paramref name="release"/>; returns the file, or null with the reason when it could not be written.</summary>
    public static (string? Path, string? Problem) Record(string release, IReadOnlyList<ProbeListing> points)
    {
        if (!ProbeCatalogue.IsRelease(release))
        {
            return (null, $"the kernel release '{release}' cannot name a catalogue file");
        }

        var path = ProbeCatalogue.PathFor(KernelBuildTree.DefaultCacheRoot(), release);
        // A point stap lists with characters the editor would not accept is left out, as the editor would leave it out.
        var listed = points
            .Where(p => ProbeCatalogue.IsPoint(p.Point))
            .Select(p => new CataloguedPoint(p.Point, HandlerSignature.Parameters(p)));
        try
        {
            var known = ProbeCatalogue.TryRead(path) ?? new ProbeCatalogue([]);
            known.With(listed).WriteTo(path);
            return (path, null);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return (null, $"cannot write the probe-point catalogue {path}: {error.Message}");
        }
    }
}
