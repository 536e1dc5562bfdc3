using System.Text;
using System.Text.RegularExpressions;

namespace StapSharp.Completion.Catalogue;

/// <summary>One probe point of a catalogue and the parameters of its C# handler, as <c>stapsharp list</c> prints them.</summary>
internal sealed class CataloguedPoint
{
    public CataloguedPoint(string point, IReadOnlyList<string> parameters)
    {
        Point = point;
        Parameters = parameters;
    }

    /// <summary>The probe point as stap lists it: <c>syscall.mkdir</c>, <c>kernel.function("vfs_read@fs/read_write.c:450")</c>.</summary>
    public string Point { get; }

    /// <summary>The handler's parameters: <c>string pathname</c>, <c>long mode</c>, <c>[Target] long regs</c>.</summary>
    public IReadOnlyList<string> Parameters { get; }
}

/// <summary>
/// The probe points <c>stapsharp list</c> has listed for one kernel release, each with its handler's parameters:
/// what the editor completes inside <c>[Probe("…")]</c>. One file per release, <c>CACHE/probe-points/RELEASE.txt</c>:
/// the header line, then one line per point, the point and its parameters separated by tabs. Compiled into the CLI,
/// which writes it, and into the completion provider, which reads it back as untrusted text: a file with one line
/// that is not exactly of that form (a point that is not a plain probe point, a parameter that is not one the
/// listing prints, a control character, a file too large) is not used at all.
/// </summary>
internal sealed class ProbeCatalogue
{
    public const string Header = "stapsharp probe-point catalogue 1";

    /// <summary>The catalogues' folder inside the cache folder.</summary>
    public const string FolderName = "probe-points";

    public const string Extension = ".txt";

    /// <summary>Larger files are not read: every function of a kernel with its variables, listed at once, stays well below.</summary>
    public const long MaxFileBytes = 64L * 1024 * 1024;

    private const int MaxPointLength = 1024;
    private const int MaxParameters = 128;

    private const string Identifier = "[A-Za-z_][A-Za-z0-9_]{0,127}";

    // A listed point names no wildcard, brace group, condition or script argument: dotted components, each with at
    // most one argument, a string of printable ASCII without quote or backslash, or a number.
    private const string Argument = @"\((?:""[\x20\x21\x23-\x5b\x5d-\x7e]*""|-?[0-9]{1,20}|0[xX][0-9A-Fa-f]{1,16})\)";

    private static readonly Regex PointPattern = new(
        $@"^{Identifier}(?:{Argument})?(?:\.{Identifier}(?:{Argument})?)*\z", RegexOptions.CultureInvariant);

    // The parameters HandlerSignature writes: a context variable as long or string, a target variable as [Target] long.
    private static readonly Regex ParameterPattern = new(
        $@"^(?:long|string|\[Target\] long) @?{Identifier}\z", RegexOptions.CultureInvariant);

    private static readonly Regex ReleasePattern = new(@"^[A-Za-z0-9][A-Za-z0-9._+~-]{0,127}\z", RegexOptions.CultureInvariant);

    public ProbeCatalogue(IReadOnlyList<CataloguedPoint> points) => Points = points;

    /// <summary>The points in order of their text.</summary>
    public IReadOnlyList<CataloguedPoint> Points { get; }

    /// <summary>A probe point as stap lists one (no wildcard, no script text).</summary>
    public static bool IsPoint(string text) => text.Length <= MaxPointLength && PointPattern.IsMatch(text);

    /// <summary>A handler parameter as <c>stapsharp list</c> prints one.</summary>
    public static bool IsParameter(string text) => ParameterPattern.IsMatch(text);

    /// <summary>A kernel release that names a file: letters, digits and <c>. _ + ~ -</c>, not starting with a dot.</summary>
    public static bool IsRelease(string text) => ReleasePattern.IsMatch(text);

    /// <summary>The catalogue file of <paramref name="release"/> under <paramref name="cacheRoot"/>.</summary>
    public static string PathFor(string cacheRoot, string release) =>
        IsRelease(release)
            ? Path.Combine(Path.Combine(cacheRoot, FolderName), release + Extension)
            : throw new ArgumentException($"not a kernel release: {release}", nameof(release));

    /// <summary>The catalogue in <paramref name="path"/>; null when the file is missing, unreadable, too large or not a valid catalogue. Never throws.</summary>
    public static ProbeCatalogue? TryRead(string path)
    {
        try
        {
            var file = new FileInfo(path);
            if (!file.Exists || file.Length > MaxFileBytes)
            {
                return null;
            }

            return TryParse(File.ReadAllText(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true)));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or DecoderFallbackException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>The catalogue written as <paramref name="text"/>; null when any line is not as <see cref="Format"/> writes it.</summary>
    public static ProbeCatalogue? TryParse(string text)
    {
        var lines = text.Split('\n');
        if (lines.Length < 2 || lines[0] != Header || lines[lines.Length - 1].Length != 0)
        {
            return null;
        }

        var points = new List<CataloguedPoint>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 1; i < lines.Length - 1; i++)
        {
            var fields = lines[i].Split('\t');
            if (!IsPoint(fields[0]) || !seen.Add(fields[0]) || fields.Length - 1 > MaxParameters)
            {
                return null;
            }

            var parameters = fields.Skip(1).ToList();
            if (!parameters.All(IsParameter))
            {
                return null;
            }

            points.Add(new CataloguedPoint(fields[0], parameters));
        }

        return new ProbeCatalogue(points);
    }

    /// <summary>This catalogue with <paramref name="listed"/> added, replacing the points it lists again; every point must be valid.</summary>
    public ProbeCatalogue With(IEnumerable<CataloguedPoint> listed)
    {
        var byPoint = Points.ToDictionary(p => p.Point, StringComparer.Ordinal);
        foreach (var point in listed)
        {
            if (!IsPoint(point.Point) || point.Parameters.Count > MaxParameters || !point.Parameters.All(IsParameter))
            {
                throw new ArgumentException($"not a catalogue entry: {point.Point}", nameof(listed));
            }

            byPoint[point.Point] = point;
        }

        return new ProbeCatalogue(byPoint.Values.OrderBy(p => p.Point, StringComparer.Ordinal).ToList());
    }

    /// <summary>The file's text: the header, then a line per point.</summary>
    public string Format()
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var point in Points)
        {
            text.Append(point.Point);
            foreach (var parameter in point.Parameters)
            {
                text.Append('\t').Append(parameter);
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Writes the file whole or not at all (a temporary file renamed over it), so a reader never sees half of one.</summary>
    public void WriteTo(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            File.WriteAllText(temporary, Format(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            if (File.Exists(path))
            {
                File.Replace(temporary, path, destinationBackupFileName: null);
            }
            else
            {
                File.Move(temporary, path);
            }
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
