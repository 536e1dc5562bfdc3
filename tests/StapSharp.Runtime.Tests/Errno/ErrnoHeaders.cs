using System.Text.RegularExpressions;

namespace StapSharp.Runtime.Tests.ErrnoTable;

/// <summary>The errno definitions of this machine's kernel headers (linux-libc-dev), read from the files.</summary>
internal static partial class ErrnoHeaders
{
    public static readonly string[] Files = ["/usr/include/asm-generic/errno-base.h", "/usr/include/asm-generic/errno.h"];

    public static bool Present => Files.All(File.Exists);

    // "#define	EPERM		 1	/* ... */" and "#define	EWOULDBLOCK	EAGAIN	/* ... */"
    [GeneratedRegex(@"^#define\s+(E[A-Z0-9]+)\s+(\d+|E[A-Z0-9]+)\b", RegexOptions.Multiline)]
    private static partial Regex Define();

    /// <summary>Every name defined as a number.</summary>
    public static IReadOnlyDictionary<string, int> Numbers() => Defines()
        .Where(d => char.IsDigit(d.Value[0]))
        .ToDictionary(d => d.Name, d => int.Parse(d.Value));

    /// <summary>Every name defined as another name (EWOULDBLOCK → EAGAIN).</summary>
    public static IReadOnlyDictionary<string, string> Aliases() => Defines()
        .Where(d => !char.IsDigit(d.Value[0]))
        .ToDictionary(d => d.Name, d => d.Value);

    private static IEnumerable<(string Name, string Value)> Defines() => Files
        .SelectMany(file => Define().Matches(File.ReadAllText(file)))
        .Select(m => (m.Groups[1].Value, m.Groups[2].Value));
}

/// <summary>A fact that needs the kernel's userspace headers; skipped, naming the package, only where they are absent.</summary>
public sealed class RequiresErrnoHeadersFactAttribute : FactAttribute
{
    public RequiresErrnoHeadersFactAttribute()
    {
        if (!ErrnoHeaders.Present)
        {
            Skip = "needs /usr/include/asm-generic/errno*.h; install: apt-get install --no-install-recommends linux-libc-dev";
        }
    }
}
