using System.Runtime.InteropServices;
using System.Text;

namespace StapSharp.Runtime.Build;

/// <summary>
/// The host files a script's user-space probes name: the string literals of <c>process("PATH")</c> and
/// <c>library("PATH")</c>, resolved as stap resolves them (a bare name through PATH, then every symbolic link followed),
/// since that resolved path is what the module matches against the programs that run.
/// </summary>
public static class UserSpaceProbeFiles
{
    private static readonly string[] Probes = ["process", "library"];

    /// <summary>The existing host files named in <paramref name="scriptText"/>, each once, in order of appearance.</summary>
    /// <param name="pathVariable">The PATH bare names are searched in (default: this process's).</param>
    public static IReadOnlyList<string> Find(string scriptText, string? pathVariable = null)
    {
        var files = new List<string>();
        foreach (var name in Literals(scriptText))
        {
            if (Resolve(name, pathVariable ?? Environment.GetEnvironmentVariable("PATH") ?? "") is { } file && !files.Contains(file))
            {
                files.Add(file);
            }
        }
        return files;
    }

    /// <summary>The string literals written as the argument of a process or library probe point.</summary>
    internal static IEnumerable<string> Literals(string text)
    {
        foreach (var probe in Probes)
        {
            for (var at = text.IndexOf(probe, StringComparison.Ordinal); at >= 0; at = text.IndexOf(probe, at + probe.Length, StringComparison.Ordinal))
            {
                if (at > 0 && (char.IsAsciiLetterOrDigit(text[at - 1]) || text[at - 1] == '_'))
                {
                    continue;
                }

                var i = SkipSpaces(text, at + probe.Length);
                if (i >= text.Length || text[i] != '(')
                {
                    continue;
                }

                i = SkipSpaces(text, i + 1);
                if (i < text.Length && text[i] == '"' && ReadLiteral(text, i) is { } literal)
                {
                    yield return literal;
                }
            }
        }
    }

    private static int SkipSpaces(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary>A stap string literal starting at the quote at <paramref name="start"/>: \" and \\ unescaped; null when unterminated.</summary>
    private static string? ReadLiteral(string text, int start)
    {
        var value = new StringBuilder();
        for (var i = start + 1; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '"':
                    return value.ToString();
                case '\\' when i + 1 < text.Length && text[i + 1] is '"' or '\\':
                    value.Append(text[++i]);
                    break;
                case '\n':
                    return null;
                default:
                    value.Append(text[i]);
                    break;
            }
        }
        return null;
    }

    private static string? Resolve(string name, string pathVariable)
    {
        if (name.Length == 0 || name.Contains('\0'))
        {
            return null;
        }

        if (name.Contains('/'))
        {
            return RealPath(Path.GetFullPath(name));
        }

        foreach (var directory in pathVariable.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            if (RealPath(Path.Combine(directory, name)) is { } found)
            {
                return found;
            }
        }
        return null;
    }

    /// <summary>The canonical path of an existing regular file (every link in every component followed), else null.</summary>
    private static string? RealPath(string path)
    {
        var resolved = realpath(path, IntPtr.Zero);
        if (resolved == IntPtr.Zero)
        {
            return null;
        }

        try
        {
            var canonical = Marshal.PtrToStringUTF8(resolved);
            return canonical is not null && File.Exists(canonical) ? canonical : null;
        }
        finally
        {
            free(resolved);
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern IntPtr realpath([MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr resolved);

    [DllImport("libc")]
    private static extern void free(IntPtr pointer);
}
