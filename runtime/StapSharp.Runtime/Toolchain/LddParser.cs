using System.Text.RegularExpressions;

namespace StapSharp.Runtime.Toolchain;

/// <summary>Reads the shared-library paths out of ldd's output.</summary>
internal static partial class LddParser
{
    // "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x...)" or "/lib64/ld-linux-x86-64.so.2 (0x...)"
    [GeneratedRegex(@"^\s*(?:\S+\s+=>\s+)?(/\S+)\s+\(0x[0-9a-fA-F]+\)\s*$")]
    private static partial Regex LibraryLine();

    [GeneratedRegex(@"^\s*(\S+)\s+=>\s+not found")]
    private static partial Regex MissingLine();

    /// <summary>Absolute library paths, in order, without duplicates (the vdso has no path and is skipped).</summary>
    public static IReadOnlyList<string> ParseLibraries(string lddOutput, out IReadOnlyList<string> notFound)
    {
        var libraries = new List<string>();
        var missing = new List<string>();
        foreach (var line in lddOutput.Split('\n'))
        {
            if (MissingLine().Match(line) is { Success: true } miss)
            {
                missing.Add(miss.Groups[1].Value);
            }
            else if (LibraryLine().Match(line) is { Success: true } lib && !libraries.Contains(lib.Groups[1].Value))
            {
                libraries.Add(lib.Groups[1].Value);
            }
        }
        notFound = missing;
        return libraries;
    }
}
