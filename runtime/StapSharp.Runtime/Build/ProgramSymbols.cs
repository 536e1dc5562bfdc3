using System.Text.RegularExpressions;
using StapSharp.Runtime.Processes;

namespace StapSharp.Runtime.Build;

/// <summary>
/// stap's <c>-d PATH</c> for programs and libraries: their symbols and unwind data built into the module, so a user-space
/// stack (<c>ubacktrace()</c>, <c>sprint_ubacktrace()</c>, <c>usymname()</c>) names their frames instead of printing
/// addresses. stap also takes kernel module names after -d; these are paths of files only.
/// </summary>
public static partial class ProgramSymbols
{
    /// <summary>The stap functions that read a user-space stack or name a user address: they need the program's symbols.</summary>
    [GeneratedRegex(@"\b(?:sprint_|print_)?(?:ubacktrace|ustack|ucallers|usymname|usymdata)(?:_brief|_fileline)?\s*\(", RegexOptions.CultureInvariant)]
    private static partial Regex UserStackCall();

    /// <summary>A command's first word when it is plainly a program (no quotes, variables, globs or assignments).</summary>
    [GeneratedRegex(@"\A\s*(?<program>[A-Za-z0-9_./+@-]+)(?:\s|\z)", RegexOptions.CultureInvariant)]
    private static partial Regex PlainFirstWord();

    /// <summary>The stap options that build <paramref name="programs"/>' symbols into the module: <c>-d PATH</c> each, once.</summary>
    /// <exception cref="ArgumentException">A path is not an absolute path of an existing regular file; the message says which and why.</exception>
    public static IReadOnlyList<string> Options(IEnumerable<string> programs) =>
        [.. programs.Select(Checked).Distinct(StringComparer.Ordinal).SelectMany(path => new[] { "-d", path })];

    /// <summary>
    /// <paramref name="path"/> as stap is given it: an absolute path (so stap can never read it as an option) of an existing
    /// ELF file (a program or a library), without control characters, quotes or backslashes, its symbolic links resolved,
    /// its folders' too (stap matches the file a process maps by the name the kernel gives it).
    /// </summary>
    /// <exception cref="ArgumentException">The path is none of that; the message says why.</exception>
    public static string Checked(string path)
    {
        if (!path.StartsWith('/'))
        {
            throw new ArgumentException($"{path}: give the program's absolute path (stap -d takes a file; a relative one would be read from stap's own folder)");
        }

        if (path.Any(c => char.IsControl(c) || c is '"' or '\\'))
        {
            throw new ArgumentException($"{path}: a program's path without control characters, quotes or backslashes");
        }

        if (RealPath.Of(path) is not { } real || !IsElfFile(new FileInfo(real)))
        {
            throw new ArgumentException($"{path}: no such program or library (an ELF file that exists and can be read)");
        }

        return real;
    }

    /// <summary>
    /// The program <paramref name="command"/> runs, as a shell would find it: its first word as a path (from
    /// <paramref name="workingDirectory"/>) or a name on the PATH it runs with (<paramref name="searchPath"/>; null: this
    /// process's), links resolved; null when the command does not plainly start with a program (a quote, a variable, an
    /// assignment) or the program found is not an ELF file (a script, a shim that runs another program).
    /// </summary>
    public static string? ProgramOf(string command, string workingDirectory, string? searchPath = null)
    {
        if (PlainFirstWord().Match(command) is not { Success: true } first)
        {
            return null;
        }

        var word = first.Groups["program"].Value;
        var path = word.Contains('/')
            ? Path.GetFullPath(word, workingDirectory)
            : ExecutableLocator.FindOnPath(word, searchPath);
        if (path is null || !ExecutableLocator.IsExecutableFile(path))
        {
            return null;
        }

        try
        {
            return Checked(path);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The programs named by <c>-d PATH</c> among stap options (a kernel module's name is not a path).</summary>
    public static IEnumerable<string> In(IReadOnlyList<string> stapOptions) =>
        stapOptions.Select((option, i) => (option, i))
            .Where(x => x.option == "-d" && x.i + 1 < stapOptions.Count && stapOptions[x.i + 1].StartsWith('/'))
            .Select(x => stapOptions[x.i + 1]);

    /// <summary>Whether a script's text calls a stap function that reads a user-space stack (whose frames need -d).</summary>
    public static bool ReadsUserStacks(string scriptText) => UserStackCall().IsMatch(scriptText);

    /// <summary>
    /// Whether the file starts as an ELF object does. Only a regular file has a size (a FIFO, socket or device reports 0),
    /// so nothing is opened that could block.
    /// </summary>
    private static bool IsElfFile(FileInfo file)
    {
        if (!file.Exists || file.Length < ElfMagic.Length)
        {
            return false;
        }

        try
        {
            using var stream = file.OpenRead();
            Span<byte> start = stackalloc byte[ElfMagic.Length];
            return stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false) == start.Length && start.SequenceEqual(ElfMagic);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static ReadOnlySpan<byte> ElfMagic => [0x7f, (byte)'E', (byte)'L', (byte)'F'];
}
