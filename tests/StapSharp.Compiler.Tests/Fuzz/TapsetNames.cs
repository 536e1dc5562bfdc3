using System.Text.RegularExpressions;
using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.Fuzz;

/// <summary>
/// The names stap's own library declares, read from the installed tapset sources: a script
/// function with one of these names replaces or clashes with the library's, and a script variable
/// with a library global's name IS that global (stap resolves names against every tapset).
/// </summary>
internal static partial class TapsetNames
{
    /// <summary>Functions of stap's parser itself, which no script can declare or use as a variable.</summary>
    public static readonly IReadOnlySet<string> PrintBuiltins = new HashSet<string>(StringComparer.Ordinal)
    {
        "print", "printf", "println", "printd", "printdln", "sprint", "sprintf", "sprintln", "sprintd", "sprintdln",
    };

    private static readonly Lazy<(HashSet<string> Functions, HashSet<string> Globals)> Declared = new(Read);

    private static readonly Lazy<HashSet<string>> LibraryMacros = new(() => Directory.EnumerateFiles(Folder, "*.stpm", SearchOption.AllDirectories)
        .SelectMany(file => MacroDefinition().Matches(File.ReadAllText(file)).Select(m => m.Groups["name"].Value))
        .ToHashSet(StringComparer.Ordinal));

    /// <summary>The library macros of the tapsets' .stpm files, which a script's @define of the name replaces silently.</summary>
    public static IReadOnlySet<string> Macros => LibraryMacros.Value;

    public static IReadOnlySet<string> Functions => Declared.Value.Functions;

    public static IReadOnlySet<string> Globals => Declared.Value.Globals;

    /// <summary>The tapset folder beside the stap found on PATH (…/bin/stap → …/share/systemtap/tapset).</summary>
    public static string Folder => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(StapTool.Path!)!, "..", "share", "systemtap", "tapset"));

    private static (HashSet<string>, HashSet<string>) Read()
    {
        var functions = new HashSet<string>(StringComparer.Ordinal);
        var globals = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Folder, "*.stp", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            functions.UnionWith(FunctionDeclaration().Matches(text).Select(m => m.Groups["name"].Value));
            // "private global" is visible in its own file only.
            globals.UnionWith(GlobalDeclaration().Matches(text).Where(m => !m.Groups["private"].Success).SelectMany(m =>
                m.Groups["names"].Value.Split(',').Select(n => Regex.Match(n, "^\\s*([A-Za-z_][A-Za-z0-9_]*)").Groups[1].Value).Where(n => n.Length > 0)));
        }

        if (functions.Count == 0 || globals.Count == 0)
        {
            throw new InvalidOperationException($"no tapset declarations found under {Folder}");
        }

        return (functions, globals);
    }

    [GeneratedRegex(@"^\s*@define\s+(?<name>[A-Za-z_][A-Za-z0-9_]*)", RegexOptions.Multiline)]
    private static partial Regex MacroDefinition();

    [GeneratedRegex(@"^\s*function\s+(?<name>[A-Za-z_][A-Za-z0-9_]*)", RegexOptions.Multiline)]
    private static partial Regex FunctionDeclaration();

    [GeneratedRegex(@"^\s*(?<private>private\s+)?global\s+(?<names>[^\n;]*)", RegexOptions.Multiline)]
    private static partial Regex GlobalDeclaration();
}
